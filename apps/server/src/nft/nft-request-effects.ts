import type { Signature } from '@solana/kit';
import type { NewOutboxEvent } from '../events/outbox-store.ts';
import type { NftRequestRow, Tx } from './nft-request-store.ts';
import { insertActiveNft, markNftBurned } from './user-nft-store.ts';

/**
 * What the database must also say when a request reaches a status: the NFT rows change in the
 * same transaction as the request, so "request completed" and "user holds the new NFT" are one
 * fact. The partial unique index guarantees one active NFT even if this ran twice.
 */
export async function recordNftEffects(tx: Tx, next: NftRequestRow): Promise<void> {
  const burnOld = async (signature: Signature | null) => {
    if (next.fromNftId) await markNftBurned(tx, next.fromNftId, signature);
  };
  if (next.status === 'burn_confirmed' && next.mode === 'two_step') await burnOld(next.burnSignature);
  if (next.status !== 'completed') return;
  // In the atomic mode the one signature burned the old NFT and minted the new one.
  if (next.kind === 'upgrade' && next.mode === 'atomic') await burnOld(next.mintSignature);
  await insertActiveNft(tx, {
    userId: next.userId,
    level: next.toLevel,
    mintAddress: next.targetMint,
    ownerWallet: next.walletAddress,
    requestId: next.id,
    mintSignature: next.mintSignature,
  });
}

/** The domain event a status change announces (pushed live to the user over WebSocket). */
export function nftOutboxEvents(next: NftRequestRow): NewOutboxEvent[] {
  const base = {
    requestId: next.id,
    kind: next.kind,
    status: next.status,
    level: next.toLevel,
    mintAddress: next.targetMint,
  };
  const event = (type: string, payload: Record<string, unknown> = {}): NewOutboxEvent[] => [
    { topic: 'insignia.nft', type, key: next.userId, payload: { ...base, ...payload } },
  ];
  if (next.status === 'completed') {
    return event(next.kind === 'unlock' ? 'nft.claim_success' : 'nft.upgrade_complete', {
      signature: next.mintSignature,
    });
  }
  if (next.status === 'needs_compensation' || next.status === 'failed') {
    return event(next.kind === 'unlock' ? 'nft.request_updated' : 'nft.upgrade_failed', {
      errorCode: next.errorCode,
      error: next.lastError,
    });
  }
  return event('nft.request_updated', { errorCode: next.errorCode });
}
