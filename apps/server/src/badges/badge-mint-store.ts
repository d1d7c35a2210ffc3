import { and, eq, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import { createDurableQueue } from '../jobs/durable-queue.ts';
import type { BadgeRow } from './badge-queries.ts';
import { transitionBadgeMint, type BadgeMintEvent, type BadgeMintState } from './badge-mint-machine.ts';
import { badges } from './badges-schema.ts';
import type { Tx } from './issuance-store.ts';

/** Other columns written with a transition; the machine's own columns excepted. */
export type BadgePatch = Omit<
  PgUpdateSetSource<typeof badges>,
  'status' | 'attempts' | 'lastError' | 'archivedAt'
>;

/** The lifecycle state a badge row holds; refuses a row whose fields contradict its status. */
export function toBadgeMintState(
  r: Pick<BadgeRow, 'id' | 'status' | 'badgeType' | 'attempts' | 'lastError' | 'archivedAt'>,
): BadgeMintState {
  const fail = (why: string) =>
    new AppError('INTERNAL', undefined, { message: `badge ${r.id} is inconsistent: ${why}.` });
  const { attempts, badgeType } = r;
  switch (r.status) {
    case 'active':
      return { status: 'active', badgeType, attempts };
    case 'creating':
      if (badgeType !== 'blockchain') throw fail('a database badge creating a mint');
      return { status: 'creating', badgeType, attempts, lastError: r.lastError };
    case 'failed':
      if (badgeType !== 'blockchain' || r.lastError === null) throw fail('failed without a mint or an error');
      return { status: 'failed', badgeType, attempts, lastError: r.lastError };
    case 'archived':
      if (r.archivedAt === null) throw fail('archived without a time');
      return { status: 'archived', badgeType, attempts, archivedAt: r.archivedAt };
  }
}

/** The columns a badge state owns (an archived badge keeps its last error for the record). */
function badgeMintColumns(state: BadgeMintState) {
  return {
    status: state.status,
    attempts: state.attempts,
    archivedAt: state.status === 'archived' ? state.archivedAt : null,
    ...(state.status === 'archived' ? {} : { lastError: 'lastError' in state ? state.lastError : null }),
  };
}

/**
 * Applies an event to a badge and writes its new state (and `extra`), guarded on the status it
 * was read in. Returns the row as it is now, or undefined if it moved meanwhile.
 */
export async function applyBadgeMintEvent(
  db: Db | Tx,
  row: BadgeRow,
  event: BadgeMintEvent,
  extra: BadgePatch = {},
): Promise<BadgeRow | undefined> {
  const next = transitionBadgeMint(toBadgeMintState(row), event);
  const [updated] = await db
    .update(badges)
    .set({ ...badgeMintColumns(next), ...extra })
    .where(and(eq(badges.id, row.id), eq(badges.status, row.status)))
    .returning();
  return updated;
}

/** Writes mint-creation fields (signed bytes, signature) of a badge still `creating`. */
export async function updateCreatingBadge(
  db: Db,
  id: string,
  patch: BadgePatch,
): Promise<BadgeRow | undefined> {
  const [next] = await db
    .update(badges)
    .set(patch)
    .where(and(eq(badges.id, id), eq(badges.status, 'creating')))
    .returning();
  return next;
}

/** Keeps a badge still `creating` out of the queue for at least a second (no tight loop). */
export async function deferCreatingBadge(db: Db, id: string): Promise<void> {
  await db
    .update(badges)
    .set({
      nextAttemptAt: sql`greatest(coalesce(${badges.nextAttemptAt}, now()), now() + interval '1 second')`,
    })
    .where(and(eq(badges.id, id), eq(badges.status, 'creating')));
}

/** Badges whose mint is still being created, leased by the one durable queue. */
export const badgeMintQueue = createDurableQueue({
  table: badges,
  ready: () => eq(badges.status, 'creating'),
  orderBy: () => [badges.createdAt],
});
