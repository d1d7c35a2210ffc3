import { and, eq, notInArray } from 'drizzle-orm';
import { users } from '../auth/auth-schema.ts';
import type { Db } from '../db/database.ts';
import { userVolumes } from '../trades/trades-schema.ts';
import { listHeldBadgeIds } from './level-queries.ts';
import { nftRequests, terminalNftRequestStatuses } from './nft-schema.ts';
import { findActiveNft } from './user-nft-store.ts';

/**
 * What one user's NFT status is computed from: their wallet, traded volume, held badges,
 * active NFT and open request. `user` is undefined for an unknown user.
 */
export async function loadNftStatusRows(db: Db, userId: string) {
  const [[user], [volume], nft, [openRequest], heldBadgeIds] = await Promise.all([
    db.select({ walletAddress: users.walletAddress }).from(users).where(eq(users.id, userId)),
    db.select({ total: userVolumes.totalVolumeUsd }).from(userVolumes).where(eq(userVolumes.userId, userId)),
    findActiveNft(db, userId),
    db
      .select({
        id: nftRequests.id,
        kind: nftRequests.kind,
        toLevel: nftRequests.toLevel,
        status: nftRequests.status,
      })
      .from(nftRequests)
      .where(
        and(eq(nftRequests.userId, userId), notInArray(nftRequests.status, [...terminalNftRequestStatuses])),
      ),
    listHeldBadgeIds(db, userId),
  ]);
  return { user, volumeUsd: volume?.total, nft, openRequest, heldBadgeIds };
}
