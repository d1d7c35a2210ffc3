import type { Extension } from '@solana-program/token-2022';
import { SYSTEM_PROGRAM } from './account-snapshot.ts';

/** One entry of `extensions` in a jsonParsed Token-2022 account, as `{ extension, state? }`. */
export interface UiExtension {
  readonly extension: string;
  readonly state?: unknown;
}

const ACCOUNT_STATES = ['uninitialized', 'initialized', 'frozen'];
// Names that do not follow "camelCase of the client's __kind".
const RENAMED: Record<string, string> = { ConfidentialTransferFee: 'confidentialTransferFeeConfig' };

/**
 * Converts a decoded Token-2022 extension into the validator's jsonParsed form: optional keys are
 * `null` when unset (the zero key included), u64 values stay integers, and key/value metadata becomes pairs.
 */
export function toUiExtension(extension: Extension): UiExtension {
  const { __kind: kind, ...fields } = extension;
  const name = RENAMED[kind] ?? kind.charAt(0).toLowerCase() + kind.slice(1);
  if (kind === 'DefaultAccountState' && 'state' in fields) {
    return {
      extension: name,
      state: { accountState: ACCOUNT_STATES[fields.state as number] ?? 'uninitialized' },
    };
  }
  if (Object.keys(fields).length === 0) return { extension: name };
  return { extension: name, state: toUiValue(fields) };
}

function toUiValue(value: unknown): unknown {
  if (value === SYSTEM_PROGRAM) return null; // OptionalNonZeroPubkey: the zero key means "none"
  if (value instanceof Map) return [...value.entries()].map(([k, v]) => [toUiValue(k), toUiValue(v)]);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(toUiValue);
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (record.__option === 'None') return null;
    if (record.__option === 'Some') return toUiValue(record.value);
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, toUiValue(v)]));
  }
  return value;
}
