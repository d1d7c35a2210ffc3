import { invalidParams } from './json-rpc.ts';
import { decodeBytes } from './rpc-methods/params.ts';
import { tokenAccountKind } from './token-layout.ts';

/** A getProgramAccounts filter over an account's owner and data. */
export type AccountFilter = (owner: string, data: Uint8Array) => boolean;

const MAX_FILTERS = 4;

/** Parses the `filters` option: `memcmp` (base58 or base64 bytes), `dataSize`, `tokenAccountState`. */
export function parseAccountFilters(value: unknown): AccountFilter[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidParams('filters must be an array');
  if (value.length > MAX_FILTERS) throw invalidParams(`Too many filters provided; max ${MAX_FILTERS}`);
  return value.map((filter: unknown): AccountFilter => {
    const f = (filter ?? {}) as Record<string, unknown>;
    if (typeof f.dataSize === 'number') {
      const size = f.dataSize;
      return (_owner, data) => data.length === size;
    }
    if (f.memcmp !== undefined) {
      const { offset, bytes, encoding } = f.memcmp as Record<string, unknown>;
      if (typeof offset !== 'number' || offset < 0)
        throw invalidParams('memcmp offset must be a non-negative number');
      const expected = decodeBytes(bytes, encoding ?? 'base58');
      return (_owner, data) =>
        offset + expected.length <= data.length &&
        Buffer.compare(data.subarray(offset, offset + expected.length), expected) === 0;
    }
    if (f.tokenAccountState !== undefined)
      return (owner, data) => tokenAccountKind(owner, data) === 'account';
    throw invalidParams('unknown filter');
  });
}
