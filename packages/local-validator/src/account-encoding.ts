import { getBase58Decoder } from '@solana/kit';
import type { AccountSnapshot } from './account-snapshot.ts';
import { invalidParams, RpcError, RpcErrorCode, variantText } from './json-rpc.ts';
import { parseAccountJson } from './json-parsed.ts';

/** Account data encodings of the RPC API (`binary` is the legacy plain-base58 default). */
export type AccountEncoding = 'binary' | 'base58' | 'base64' | 'jsonParsed';

/** `dataSlice` of account requests. */
export interface DataSlice {
  readonly offset: number;
  readonly length: number;
}

/** An account in RPC responses. */
export interface RpcAccountInfo {
  readonly data: unknown;
  readonly executable: boolean;
  readonly lamports: bigint;
  readonly owner: string;
  readonly rentEpoch: bigint;
  readonly space: number;
}

/** What current validators report as rentEpoch: every account is rent-exempt. */
const RENT_EXEMPT_EPOCH = 18_446_744_073_709_551_615n;
const MAX_BASE58_BYTES = 128;
const base58 = getBase58Decoder();

/** Reads and validates `encoding` from a config object (default `binary`). */
export function accountEncodingOf(
  config: Record<string, unknown>,
  fallback: AccountEncoding = 'binary',
): AccountEncoding {
  const encoding = config.encoding ?? fallback;
  if (encoding === 'base64+zstd')
    throw invalidParams('base64+zstd encoding is not supported by the local validator');
  if (encoding !== 'binary' && encoding !== 'base58' && encoding !== 'base64' && encoding !== 'jsonParsed') {
    throw invalidParams(
      `unknown variant \`${variantText(encoding)}\`, expected one of \`binary\`, \`base58\`, \`base64\`, \`jsonParsed\`, \`base64+zstd\``,
    );
  }
  return encoding;
}

/** Reads and validates `dataSlice` from a config object. */
export function dataSliceOf(config: Record<string, unknown>): DataSlice | undefined {
  const slice = config.dataSlice;
  if (slice === undefined || slice === null) return undefined;
  const { offset, length } = slice as Record<string, unknown>;
  if (typeof offset !== 'number' || typeof length !== 'number' || offset < 0 || length < 0) {
    throw invalidParams('dataSlice must be { offset: number, length: number }');
  }
  return { offset, length };
}

/** Encodes an account for a response. jsonParsed falls back to base64 for accounts it cannot parse. */
export function encodeAccount(
  account: AccountSnapshot,
  encoding: AccountEncoding,
  decimalsOf: (mint: string) => number | undefined,
  dataSlice?: DataSlice,
): RpcAccountInfo {
  const space = account.data.length;
  let data: unknown;
  const parsed = encoding === 'jsonParsed' ? parseAccountJson(account, decimalsOf) : null;
  if (parsed !== null) {
    data = parsed;
  } else {
    const bytes = dataSlice
      ? account.data.subarray(dataSlice.offset, dataSlice.offset + dataSlice.length)
      : account.data;
    if (encoding === 'base64' || encoding === 'jsonParsed') {
      data = [Buffer.from(bytes).toString('base64'), 'base64'];
    } else {
      if (bytes.length > MAX_BASE58_BYTES) {
        throw new RpcError(
          RpcErrorCode.InvalidRequest,
          'Encoded binary (base 58) data should be less than 128 bytes, please use Base64 encoding.',
        );
      }
      data = encoding === 'base58' ? [base58.decode(bytes), 'base58'] : base58.decode(bytes);
    }
  }
  return {
    data,
    executable: account.executable,
    lamports: account.lamports,
    owner: account.owner,
    rentEpoch: RENT_EXEMPT_EPOCH,
    space,
  };
}
