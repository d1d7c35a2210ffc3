import type { NftRequestView } from '@insignia/contract';
import type { NftRequestRow } from './nft-request-store.ts';

export function toNftRequestView(row: NftRequestRow): NftRequestView {
  return {
    id: row.id,
    kind: row.kind,
    mode: row.mode,
    status: row.status,
    fromLevel: row.fromLevel,
    toLevel: row.toLevel,
    mintAddress: row.targetMint,
    walletAddress: row.walletAddress,
    burnSignature: row.burnSignature,
    mintSignature: row.mintSignature,
    errorCode: row.errorCode,
    error: row.lastError,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}
