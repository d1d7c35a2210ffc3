import type { Address, Signature } from '@solana/kit';
import type { Chain } from '../app/create-chain.ts';
import { fetchLevelNftState } from '../chain/fetch-level-nft-state.ts';
import type { NftRequestRow } from './nft-request-store.ts';
import { oldNftGone, upgradedMint } from './verify-user-transaction.ts';

/** What the chain shows of a request's own transaction; `signature` null when the node cannot say. */
export type LandedTransaction = Readonly<{ signature: Signature | null }>;

/** The newest successful transaction that touched `address`, or null if the node keeps no history. */
async function lastSignatureFor(chain: Chain, address: Address): Promise<Signature | null> {
  try {
    const list = await chain.rpc.rpc
      .getSignaturesForAddress(address, { limit: 5, commitment: 'confirmed' })
      .send();
    return list.find((s) => s.err === null)?.signature ?? null;
  } catch {
    return null; // history is a nicety: the account state already decided
  }
}

/**
 * Whether the request's transaction has landed, read from the accounts it changes (never from
 * a signature the server may have failed to record). Unlock and atomic upgrade: the target
 * mint, derived from the request id so only this request's transaction can create it, is in
 * the wallet. Two-step upgrade: the old NFT is gone. An RPC outage throws: the caller must not
 * decide on a guess.
 */
export async function findLandedTransaction(
  chain: Chain,
  row: NftRequestRow,
): Promise<LandedTransaction | null> {
  if (row.kind === 'upgrade' && row.mode === 'two_step') {
    if (!(await oldNftGone(chain, row))) return null;
    return { signature: await lastSignatureFor(chain, upgradedMint(row)) };
  }
  const { state } = await fetchLevelNftState(chain.rpc.rpc, {
    mint: row.targetMint,
    owner: row.walletAddress,
    authority: chain.authority.address,
  });
  if (state !== 'held') return null;
  return { signature: await lastSignatureFor(chain, row.targetMint) };
}
