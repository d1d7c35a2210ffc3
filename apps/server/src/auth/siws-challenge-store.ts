import { and, desc, eq, isNull, lte, notInArray } from 'drizzle-orm';
import type { Address } from '@solana/kit';
import type { Db } from '../db/database.ts';
import { siwsChallenges } from './auth-schema.ts';

export type SiwsChallengeRow = typeof siwsChallenges.$inferSelect;

/**
 * Records a challenge for `userId`, dropping their ones expired at `now` and then all but their
 * newest `keep`. Run it in a transaction that holds the user's row lock.
 */
export async function insertSiwsChallenge(
  tx: Db,
  challenge: { nonce: string; userId: string; address: Address; message: string; expiresAt: Date },
  { now, keep }: { now: Date; keep: number },
): Promise<void> {
  const { userId } = challenge;
  await tx
    .delete(siwsChallenges)
    .where(and(eq(siwsChallenges.userId, userId), lte(siwsChallenges.expiresAt, now)));
  await tx.insert(siwsChallenges).values(challenge);
  const newest = tx
    .select({ nonce: siwsChallenges.nonce })
    .from(siwsChallenges)
    .where(eq(siwsChallenges.userId, userId))
    .orderBy(desc(siwsChallenges.expiresAt), desc(siwsChallenges.createdAt))
    .limit(keep);
  await tx
    .delete(siwsChallenges)
    .where(and(eq(siwsChallenges.userId, userId), notInArray(siwsChallenges.nonce, newest)));
}

export async function findSiwsChallenge(db: Db, nonce: string): Promise<SiwsChallengeRow | undefined> {
  const [row] = await db.select().from(siwsChallenges).where(eq(siwsChallenges.nonce, nonce));
  return row;
}

/** Marks a challenge used unless it already was; whether this call used it. */
export async function consumeSiwsChallenge(tx: Db, nonce: string, at: Date): Promise<boolean> {
  const consumed = await tx
    .update(siwsChallenges)
    .set({ usedAt: at })
    .where(and(eq(siwsChallenges.nonce, nonce), isNull(siwsChallenges.usedAt)))
    .returning({ nonce: siwsChallenges.nonce });
  return consumed.length > 0;
}

/** Deletes the challenges expired at `at`; returns how many. */
export async function deleteExpiredSiwsChallenges(db: Db, at: Date): Promise<number> {
  const purged = await db
    .delete(siwsChallenges)
    .where(lte(siwsChallenges.expiresAt, at))
    .returning({ nonce: siwsChallenges.nonce });
  return purged.length;
}
