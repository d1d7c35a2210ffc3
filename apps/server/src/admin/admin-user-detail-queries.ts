import { desc, eq } from 'drizzle-orm';
import { users } from '../auth/auth-schema.ts';
import type { Db } from '../db/database.ts';
import { nftRequests, userNfts } from '../nft/nft-schema.ts';
import { userVolumes } from '../trades/trades-schema.ts';

const REQUEST_LIMIT = 100;

/** One user's row, volume, every NFT they held (newest first) and their latest NFT requests. */
export async function findAdminUserDetailRows(db: Db, userId: string) {
  const [[user], [volume], nfts, requests] = await Promise.all([
    db.select().from(users).where(eq(users.id, userId)),
    db.select().from(userVolumes).where(eq(userVolumes.userId, userId)),
    db.select().from(userNfts).where(eq(userNfts.userId, userId)).orderBy(desc(userNfts.mintedAt)),
    db
      .select()
      .from(nftRequests)
      .where(eq(nftRequests.userId, userId))
      .orderBy(desc(nftRequests.createdAt))
      .limit(REQUEST_LIMIT),
  ]);
  return { user, volume, nfts, requests };
}
