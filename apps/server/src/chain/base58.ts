import bs58 from 'bs58';
import type { Address, ReadonlyUint8Array } from '@solana/kit';

/*
 * Base58 for the values the hot paths convert (addresses, signatures), through bs58: kit's
 * codec goes through a BigInt per value, about five times the cost. base58.test.ts pins both
 * directions to kit's codec.
 */

/** The base58 text of `bytes` (leading zero bytes become leading '1's). */
export function encodeBase58(bytes: ReadonlyUint8Array): string {
  return bs58.encode(bytes as Uint8Array);
}

/**
 * The bytes of base58 `text`, or undefined if it is not base58 or does not decode to
 * `expectedLength` bytes (callers then take kit's path, which throws kit's error).
 */
export function decodeBase58(text: string, expectedLength: number): Uint8Array | undefined {
  const bytes = bs58.decodeUnsafe(text);
  return bytes?.length === expectedLength ? bytes : undefined;
}

/** The 32 bytes of an address string, or undefined if it is not one (kit's rules). */
export function addressBytes(address: Address | string): Uint8Array | undefined {
  if (address.length < 32 || address.length > 44) return undefined;
  return decodeBase58(address, 32);
}
