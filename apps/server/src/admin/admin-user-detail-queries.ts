import { desc, eq } from 'drizzle-orm';
import { users } from '../auth/auth-schema.ts';
import { badgeIssuances, badges } from '../badges/badges-schema.ts';
import type { Db } from '../db/database.ts';
import { nftRequests, userNfts } from '../nft/nft-schema.ts';
import { badgeRevocations } from '../revocation/revocations-schema.ts';
import { userVolumes } from '../trades/trades-schema.ts';

const REQUEST_LIMIT = 100;
const BADGE_LIMIT = 200;

/**
 * One user's row, volume, every NFT they held (newest first), their latest NFT requests and
 * badge issuances.
 */
export async function findAdminUserDetailRows(db: Db, userId: string) {
  const [[user], [volume], nfts, requests, issuances] = await Promise.all([
    db.select().from(users).where(eq(users.id, userId)),
    db.select().from(userVolumes).where(eq(userVolumes.userId, userId)),
    db.select().from(userNfts).where(eq(userNfts.userId, userId)).orderBy(desc(userNfts.mintedAt)),
    db
      .select()
      .from(nftRequests)
      .where(eq(nftRequests.userId, userId))
      .orderBy(desc(nftRequests.createdAt))
      .limit(REQUEST_LIMIT),
    db
      .select({
        issuanceId: badgeIssuances.id,
        badgeId: badges.id,
        name: badges.name,
        status: badgeIssuances.status,
        issuedAt: badgeIssuances.issuedAt,
        validUntil: badgeIssuances.validUntil,
        revokedAt: badgeIssuances.revokedAt,
        revocation: {
          reason: badgeRevocations.reason,
          chainAction: badgeRevocations.chainAction,
          status: badgeRevocations.status,
        },
      })
      .from(badgeIssuances)
      .innerJoin(badges, eq(badges.id, badgeIssuances.badgeId))
      .leftJoin(badgeRevocations, eq(badgeRevocations.issuanceId, badgeIssuances.id))
      .where(eq(badgeIssuances.userId, userId))
      .orderBy(desc(badgeIssuances.createdAt))
      .limit(BADGE_LIMIT),
  ]);
  return { user, volume, nfts, requests, issuances };
}
