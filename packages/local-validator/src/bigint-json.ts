const BIGINT_MARK = '\u0000bigint:';
// JSON.stringify escapes U+0000 as the six characters `\u0000`, which is what this matches.
const BIGINT_MARK_PATTERN = /"\\u0000bigint:(-?\d+)"/g;

/**
 * `JSON.stringify` that writes `bigint` values as bare JSON integers.
 *
 * u64 fields (lamports, rentEpoch = u64::MAX) must keep full precision: `@solana/kit` parses
 * them as bigints, and web3.js v1 simply reads them as (lossy) numbers, as with a real node.
 */
export function stringifyJson(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'bigint' ? BIGINT_MARK + v.toString() : v,
  );
  return text.replace(BIGINT_MARK_PATTERN, '$1');
}
