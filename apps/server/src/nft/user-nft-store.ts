import type { Signature } from '@solana/kit';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { userNfts } from './nft-schema.ts';

export type UserNftRow = typeof userNfts.$inferSelect;

/**
 * The one step of an NFT's small lifecycle (active → burned), for the request that burned it
 * and for reconciliation finding it burned on chain. Guarded on `active`, so a second writer
 * changes nothing; true when this call made the change.
 */
export async function markNftBurned(
  db: Pick<Db, 'update'>,
  nftId: string,
  burnSignature?: Signature | null,
): Promise<boolean> {
  const rows = await db
    .update(userNfts)
    .set({
      status: 'burned',
      burnedAt: new Date(),
      ...(burnSignature === undefined ? {} : { burnSignature }),
    })
    .where(and(eq(userNfts.id, nftId), eq(userNfts.status, 'active')))
    .returning({ id: userNfts.id });
  return rows.length > 0;
}

/** The user's active NFT, if any (the partial unique index allows one). */
export async function findActiveNft(db: Pick<Db, 'select'>, userId: string): Promise<UserNftRow | undefined> {
  const [row] = await db
    .select()
    .from(userNfts)
    .where(and(eq(userNfts.userId, userId), eq(userNfts.status, 'active')));
  return row;
}
