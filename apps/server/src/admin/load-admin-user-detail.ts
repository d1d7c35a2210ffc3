import type { AdminUserDetail } from '@insignia/contract';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import { toNftRequestView } from '../nft/nft-request-view.ts';
import { formatUsd, parseUsd } from '../nft/usd.ts';
import { findAdminUserDetailRows } from './admin-user-detail-queries.ts';
import { hasExpired } from '../badges/has-expired.ts';

/** Everything support needs about one user: volume, every NFT they held, every request. */
export async function loadAdminUserDetail(db: Db, userId: string): Promise<AdminUserDetail> {
  const { user, volume, nfts, requests, issuances } = await findAdminUserDetailRows(db, userId);
  if (!user) throw new AppError('USER__NOT_FOUND');
  return {
    user: {
      id: user.id,
      email: user.email,
      role: user.role,
      walletAddress: user.walletAddress,
      externalId: user.externalId,
      createdAt: user.createdAt.toISOString(),
    },
    volume: {
      totalVolumeUsd: formatUsd(parseUsd(volume?.totalVolumeUsd ?? '0')),
      tradeCount: volume?.tradeCount ?? 0,
      lastTradeAt: volume?.lastTradeAt?.toISOString() ?? null,
    },
    nfts: nfts.map((n) => ({
      id: n.id,
      level: n.level,
      mintAddress: n.mintAddress,
      ownerWallet: n.ownerWallet,
      status: n.status,
      mintSignature: n.mintSignature,
      burnSignature: n.burnSignature,
      mintedAt: n.mintedAt.toISOString(),
      burnedAt: n.burnedAt?.toISOString() ?? null,
    })),
    requests: requests.map(toNftRequestView),
    // Expiry is decided now: nothing is written when a badge expires.
    badges: issuances.map((i) => ({
      issuanceId: i.issuanceId,
      badgeId: i.badgeId,
      name: i.name,
      status: i.status,
      issuedAt: i.issuedAt?.toISOString() ?? null,
      validUntil: i.validUntil?.toISOString() ?? null,
      expired: hasExpired(i.validUntil),
      revokedAt: i.revokedAt?.toISOString() ?? null,
      revocation:
        i.revocation && i.revokedAt ? { ...i.revocation, revokedAt: i.revokedAt.toISOString() } : null,
    })),
  };
}
