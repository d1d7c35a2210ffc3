import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { emailVerificationCodes } from './email-verification-schema.ts';

export type EmailVerificationCodeRow = typeof emailVerificationCodes.$inferSelect;

/** When the user's codes created after `since` were sent, newest first. */
export async function findCodeTimesSince(tx: Db, userId: string, since: Date): Promise<Date[]> {
  const rows = await tx
    .select({ createdAt: emailVerificationCodes.createdAt })
    .from(emailVerificationCodes)
    .where(and(eq(emailVerificationCodes.userId, userId), gt(emailVerificationCodes.createdAt, since)))
    .orderBy(desc(emailVerificationCodes.createdAt));
  return rows.map((r) => r.createdAt);
}

/** Marks every unused code of the user used, so only a new one works. */
export async function retireUnusedCodes(tx: Db, userId: string, at: Date): Promise<void> {
  await tx
    .update(emailVerificationCodes)
    .set({ usedAt: at })
    .where(and(eq(emailVerificationCodes.userId, userId), isNull(emailVerificationCodes.usedAt)));
}

export async function insertVerificationCode(
  tx: Db,
  code: { id: string; userId: string; email: string; codeHash: string; expiresAt: Date; createdAt: Date },
): Promise<void> {
  await tx.insert(emailVerificationCodes).values(code);
}

/**
 * Counts a guess against the user's live code (unused, unexpired, under `maxAttempts`) and
 * returns that code; undefined when there is none to guess.
 */
export async function countGuess(
  db: Db,
  userId: string,
  at: Date,
  maxAttempts: number,
): Promise<EmailVerificationCodeRow | undefined> {
  const [counted] = await db
    .update(emailVerificationCodes)
    .set({ attempts: sql`${emailVerificationCodes.attempts} + 1` })
    .where(
      and(
        eq(emailVerificationCodes.userId, userId),
        isNull(emailVerificationCodes.usedAt),
        gt(emailVerificationCodes.expiresAt, at),
        lt(emailVerificationCodes.attempts, maxAttempts),
      ),
    )
    .returning();
  return counted;
}

/** Marks the code used unless it already was; whether this call used it. */
export async function useCode(tx: Db, id: string, at: Date): Promise<boolean> {
  const used = await tx
    .update(emailVerificationCodes)
    .set({ usedAt: at })
    .where(and(eq(emailVerificationCodes.id, id), isNull(emailVerificationCodes.usedAt)))
    .returning({ id: emailVerificationCodes.id });
  return used.length > 0;
}
