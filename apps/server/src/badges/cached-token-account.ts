import type { Address } from '@solana/kit';
import { findTokenAccount } from '../chain/find-token-account.ts';

const MAX_ENTRIES = 200_000;
const cache = new Map<string, Address>();

/**
 * {@link findTokenAccount} remembered: deriving an associated token account costs a hash and
 * a curve check per bump tried, and one issuance asks for the same accounts in the preview,
 * at creation and again in the worker. The derivation is pure, so a cache is always right.
 */
export async function cachedTokenAccount(owner: Address, mint: Address): Promise<Address> {
  const key = `${owner}:${mint}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const derived = await findTokenAccount(owner, mint);
  const oldest = cache.keys().next();
  if (cache.size >= MAX_ENTRIES && !oldest.done) cache.delete(oldest.value);
  cache.set(key, derived);
  return derived;
}
