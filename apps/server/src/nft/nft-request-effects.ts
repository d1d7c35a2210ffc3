import type { Address, Signature } from '@solana/kit';
import type { NewOutboxEvent } from '../events/outbox-store.ts';
import type { NftRequestRow } from './nft-request-store.ts';

/**
 * What the database must also say when a request reaches a status: the NFT rows change in the
 * same statement as the request, so "request completed" and "user holds the new NFT" are one
 * fact. The partial unique index guarantees one active NFT even if this ran twice.
 */
export type NftEffect =
  | { type: 'burn_old'; nftId: string; burnSignature: Signature | null }
  | {
      type: 'insert_active';
      userId: string;
      level: number;
      mintAddress: Address;
      ownerWallet: Address;
      requestId: string;
      mintSignature: Signature | null;
    };

/** The NFT row changes `next` implies; the old NFT's burn always comes before the new one. */
export function nftEffects(next: NftRequestRow): NftEffect[] {
  const burnOld = (signature: Signature | null): NftEffect[] =>
    next.fromNftId ? [{ type: 'burn_old', nftId: next.fromNftId, burnSignature: signature }] : [];
  if (next.status === 'burn_confirmed' && next.mode === 'two_step') return burnOld(next.burnSignature);
  if (next.status !== 'completed') return [];
  return [
    // In the atomic mode the one signature burned the old NFT and minted the new one.
    ...(next.kind === 'upgrade' && next.mode === 'atomic' ? burnOld(next.mintSignature) : []),
    {
      type: 'insert_active',
      userId: next.userId,
      level: next.toLevel,
      mintAddress: next.targetMint,
      ownerWallet: next.walletAddress,
      requestId: next.id,
      mintSignature: next.mintSignature,
    },
  ];
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
