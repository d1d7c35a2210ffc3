import type { CompiledTransactionMessage } from '@solana/kit';
import { addressBytes, decodeBase58 } from './base58.ts';

/** Compact-u16 ("short vec") length prefixes hold at most this. */
const SHORT_VEC_MAX = 0xffff;
const V0_PREFIX = 0x80;

const shortVecLength = (n: number) => (n < 0x80 ? 1 : n < 0x4000 ? 2 : 3);
const isU8 = (n: number) => Number.isInteger(n) && n >= 0 && n <= 0xff;
const allOrNothing = <T>(values: (T | undefined)[]) =>
  values.every((v) => v !== undefined) ? (values as T[]) : undefined;

/**
 * The bytes kit's getCompiledTransactionMessageEncoder writes for a legacy or v0 message, written
 * in one pass. Kit composes a struct codec per call and reads every address through a BigInt:
 * about 400 µs for a full issuance transaction, most of what compiling it cost.
 *
 * Undefined for anything this does not write exactly as kit does (a v1 message, a key that is
 * not an address, an index over 255, a length past a short vec): kit then encodes it, or throws
 * its own error. encode-compiled-message.test.ts holds the bytes equal to kit's.
 */
export function encodeCompiledMessage(
  message: CompiledTransactionMessage & Readonly<{ lifetimeToken?: string }>,
): Uint8Array | undefined {
  if (message.version !== 'legacy' && message.version !== 0) return undefined;
  const { header, staticAccounts, instructions } = message;
  const lookups = message.version === 0 ? (message.addressTableLookups ?? []) : [];
  const keys = allOrNothing(staticAccounts.map((a) => addressBytes(a)));
  // Without a lifetime, kit writes 32 zero bytes.
  const token =
    message.lifetimeToken === undefined ? new Uint8Array(32) : decodeBase58(message.lifetimeToken, 32);
  const lookupKeys = allOrNothing(lookups.map((l) => addressBytes(l.lookupTableAddress)));
  if (!token || !keys || !lookupKeys) return undefined;
  if (
    ![header.numSignerAccounts, header.numReadonlySignerAccounts, header.numReadonlyNonSignerAccounts].every(
      isU8,
    )
  )
    return undefined;

  let size = (message.version === 0 ? 1 : 0) + 3 + shortVecLength(keys.length) + 32 * keys.length + 32;
  size += shortVecLength(instructions.length);
  for (const ix of instructions) {
    const accounts = ix.accountIndices ?? [];
    const dataLength = ix.data?.length ?? 0;
    if (!isU8(ix.programAddressIndex) || !accounts.every(isU8) || dataLength > SHORT_VEC_MAX)
      return undefined;
    size += 1 + shortVecLength(accounts.length) + accounts.length + shortVecLength(dataLength) + dataLength;
  }
  if (message.version === 0) {
    size += shortVecLength(lookups.length);
    for (const l of lookups) {
      if (!l.writableIndexes.every(isU8) || !l.readonlyIndexes.every(isU8)) return undefined;
      size += 32 + shortVecLength(l.writableIndexes.length) + l.writableIndexes.length;
      size += shortVecLength(l.readonlyIndexes.length) + l.readonlyIndexes.length;
    }
  }
  if (Math.max(keys.length, instructions.length, lookups.length) > SHORT_VEC_MAX) return undefined;

  const bytes = new Uint8Array(size);
  let at = 0;
  const u8 = (n: number) => {
    bytes[at++] = n;
  };
  const shortVec = (n: number) => {
    let rest = n;
    while (rest >= 0x80) {
      u8((rest & 0x7f) | 0x80);
      rest >>= 7;
    }
    u8(rest);
  };
  const put = (chunk: ArrayLike<number>) => {
    bytes.set(chunk, at);
    at += chunk.length;
  };
  const u8Array = (values: readonly number[]) => {
    shortVec(values.length);
    put(values);
  };

  if (message.version === 0) u8(V0_PREFIX);
  u8(header.numSignerAccounts);
  u8(header.numReadonlySignerAccounts);
  u8(header.numReadonlyNonSignerAccounts);
  shortVec(keys.length);
  for (const key of keys) put(key);
  put(token);
  shortVec(instructions.length);
  for (const ix of instructions) {
    u8(ix.programAddressIndex);
    u8Array(ix.accountIndices ?? []);
    shortVec(ix.data?.length ?? 0);
    if (ix.data) put(ix.data);
  }
  if (message.version === 0) {
    shortVec(lookups.length);
    for (const [i, l] of lookups.entries()) {
      put(lookupKeys[i] ?? []);
      u8Array(l.writableIndexes);
      u8Array(l.readonlyIndexes);
    }
  }
  return bytes;
}
