import { and, eq, gt, isNull, lt, ne } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { expectRow } from '../db/expect-row.ts';
import { userSessions } from './sessions-schema.ts';

export type SessionRow = typeof userSessions.$inferSelect;

/** Starts a session; the user's sessions that have expired are dropped on the way. */
export async function insertSession(db: Db, userId: string, expiresAt: Date): Promise<SessionRow> {
  await db
    .delete(userSessions)
    .where(and(eq(userSessions.userId, userId), lt(userSessions.expiresAt, new Date())));
  return expectRow(await db.insert(userSessions).values({ userId, expiresAt }).returning(), 'session');
}

/** The session if it belongs to `userId`, has not ended and has not expired. */
export async function findLiveSession(db: Db, id: string, userId: string): Promise<SessionRow | undefined> {
  const [row] = await db
    .select()
    .from(userSessions)
    .where(
      and(
        eq(userSessions.id, id),
        eq(userSessions.userId, userId),
        isNull(userSessions.endedAt),
        gt(userSessions.expiresAt, new Date()),
      ),
    )
    .limit(1);
  return row;
}

/**
 * Ends one session, or every live one of the user when `id` is omitted (but `except`, when
 * given); returns the ids ended.
 */
export async function endSessions(
  db: Db,
  where: { userId: string; id?: string; except?: string },
  reason: 'logout' | 'revoked',
): Promise<string[]> {
  const rows = await db
    .update(userSessions)
    .set({ endedAt: new Date(), endReason: reason })
    .where(
      and(
        eq(userSessions.userId, where.userId),
        where.id ? eq(userSessions.id, where.id) : undefined,
        where.except ? ne(userSessions.id, where.except) : undefined,
        isNull(userSessions.endedAt),
        gt(userSessions.expiresAt, new Date()),
      ),
    )
    .returning({ id: userSessions.id });
  return rows.map((r) => r.id);
}
