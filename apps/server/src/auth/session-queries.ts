import { and, eq, gt, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { expectRow } from '../db/expect-row.ts';
import { preparedOnce } from '../db/prepared-once.ts';
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
  // Every authenticated request whose session is not cached asks this: built once, prepared.
  const statement = preparedOnce(db, 'live_session', (name) =>
    db
      .select()
      .from(userSessions)
      .where(
        and(
          eq(userSessions.id, sql.placeholder('id')),
          eq(userSessions.userId, sql.placeholder('userId')),
          isNull(userSessions.endedAt),
          gt(userSessions.expiresAt, sql.placeholder('now')),
        ),
      )
      .limit(1)
      .prepare(name),
  );
  const [row] = await statement.execute({ id, userId, now: new Date() });
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
