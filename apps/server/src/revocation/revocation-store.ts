import { and, count, desc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Revocation, RevocationsQuery } from '@insignia/contract';
import { users } from '../auth/auth-schema.ts';
import { badgeIssuances, badgeNotifications, badges } from '../badges/badges-schema.ts';
import type { Tx } from '../badges/issuance-store.ts';
import type { Db } from '../db/database.ts';
import { dbNow, dbNowPlus } from '../db/database-clock.ts';
import { badgeRevocations } from './revocations-schema.ts';

export type RevocationRow = typeof badgeRevocations.$inferSelect;
export type RevocationPatch = Partial<Omit<typeof badgeRevocations.$inferInsert, 'issuanceId'>>;

/** The issuance and its badge, the issuance row locked as claims lock it (lockClaimCandidates). */
export async function lockIssuanceForRevocation(tx: Tx, issuanceId: string) {
  const [row] = await tx
    .select({ issuance: badgeIssuances, badge: badges })
    .from(badgeIssuances)
    .innerJoin(badges, eq(badges.id, badgeIssuances.badgeId))
    .where(eq(badgeIssuances.id, issuanceId))
    .for('update', { of: badgeIssuances });
  return row;
}

/** The issuance and its badge, unlocked (the console's preview). */
export async function findIssuanceWithBadge(db: Db, issuanceId: string) {
  const [row] = await db
    .select({ issuance: badgeIssuances, badge: badges })
    .from(badgeIssuances)
    .innerJoin(badges, eq(badges.id, badgeIssuances.badgeId))
    .where(eq(badgeIssuances.id, issuanceId));
  return row;
}

const viewColumns = {
  revocation: badgeRevocations,
  badgeId: badges.id,
  badgeName: badges.name,
  userId: users.id,
  email: users.email,
  revokedAt: badgeIssuances.revokedAt,
};

type ViewRow = {
  revocation: RevocationRow;
  badgeId: string;
  badgeName: string;
  userId: string;
  email: string;
  revokedAt: Date | null;
};

function toView(r: ViewRow): Revocation {
  const v = r.revocation;
  return {
    issuanceId: v.issuanceId,
    badge: { id: r.badgeId, name: r.badgeName },
    user: { id: r.userId, email: r.email },
    reason: v.reason,
    revokedBy: v.revokedBy,
    revokedAt: (r.revokedAt ?? v.createdAt).toISOString(),
    chainAction: v.chainAction,
    status: v.status,
    tokenAccount: v.tokenAccount,
    signature: v.signature,
    attempts: v.attempts,
    errorCode: v.errorCode,
    lastError: v.lastError,
    completedAt: v.completedAt?.toISOString() ?? null,
  };
}

function viewQuery(db: Pick<Db, 'select'>) {
  return db
    .select(viewColumns)
    .from(badgeRevocations)
    .innerJoin(badgeIssuances, eq(badgeIssuances.id, badgeRevocations.issuanceId))
    .innerJoin(badges, eq(badges.id, badgeIssuances.badgeId))
    .innerJoin(users, eq(users.id, badgeIssuances.userId));
}

/** One revocation as the console shows it; undefined when the issuance is not revoked. */
export async function loadRevocationView(
  db: Pick<Db, 'select'>,
  issuanceId: string,
): Promise<Revocation | undefined> {
  const [row] = await viewQuery(db).where(eq(badgeRevocations.issuanceId, issuanceId));
  return row ? toView(row) : undefined;
}

/** A page of revocations, newest first. */
export async function listRevocations(db: Db, query: RevocationsQuery) {
  const where = and(
    query.status ? eq(badgeRevocations.status, query.status) : undefined,
    query.userId ? eq(badgeIssuances.userId, query.userId) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    viewQuery(db)
      .where(where)
      .orderBy(desc(badgeRevocations.createdAt), desc(badgeRevocations.issuanceId))
      .limit(query.limit)
      .offset(query.offset),
    db
      .select({ n: count() })
      .from(badgeRevocations)
      .innerJoin(badgeIssuances, eq(badgeIssuances.id, badgeRevocations.issuanceId))
      .where(where),
  ]);
  return { items: rows.map(toView), total: total?.n ?? 0 };
}

/** Writes a revocation's state, guarded on the status it was read in; undefined if it moved. */
export async function updateRevocation(
  db: Pick<Db, 'update'>,
  row: Pick<RevocationRow, 'issuanceId' | 'status'>,
  patch: RevocationPatch,
): Promise<RevocationRow | undefined> {
  const [next] = await db
    .update(badgeRevocations)
    .set(patch)
    .where(and(eq(badgeRevocations.issuanceId, row.issuanceId), eq(badgeRevocations.status, row.status)))
    .returning();
  return next;
}

const burnDue = () =>
  and(
    inArray(badgeRevocations.status, ['pending', 'sent']),
    or(isNull(badgeRevocations.nextAttemptAt), lte(badgeRevocations.nextAttemptAt, dbNow())),
  );
const leaseFree = (owner?: string) =>
  or(
    isNull(badgeRevocations.leaseExpiresAt),
    lt(badgeRevocations.leaseExpiresAt, dbNow()),
    owner ? eq(badgeRevocations.leaseOwner, owner) : undefined,
  );

/**
 * Leases due burns (FOR UPDATE SKIP LOCKED, so two workers never take one), counting the
 * attempt on lease: a send that crashed the process still used one. The table is keyed by
 * issuance id, so the shared durable queue (keyed `id`) is not used.
 */
export async function leaseDueRevocations(
  db: Db,
  options: { owner: string; limit: number; leaseMs: number },
): Promise<RevocationRow[]> {
  // One statement, as the durable queue leases: a poll that finds nothing is one round trip.
  const picked = db
    .select({ id: badgeRevocations.issuanceId })
    .from(badgeRevocations)
    .where(and(burnDue(), leaseFree()))
    .orderBy(badgeRevocations.createdAt)
    .limit(options.limit)
    .for('update', { skipLocked: true });
  return db
    .update(badgeRevocations)
    .set({
      leaseOwner: options.owner,
      leaseExpiresAt: dbNowPlus(options.leaseMs),
      attempts: sql`${badgeRevocations.attempts} + 1`,
    })
    .where(inArray(badgeRevocations.issuanceId, picked))
    .returning();
}

/** Takes the lease on one revocation whose burn is due, if nobody else holds it. */
export async function tryLeaseRevocation(
  db: Db,
  issuanceId: string,
  options: { owner: string; leaseMs: number },
): Promise<RevocationRow | undefined> {
  const [row] = await db
    .update(badgeRevocations)
    .set({
      leaseOwner: options.owner,
      leaseExpiresAt: dbNowPlus(options.leaseMs),
      attempts: sql`${badgeRevocations.attempts} + 1`,
    })
    .where(
      and(
        eq(badgeRevocations.issuanceId, issuanceId),
        inArray(badgeRevocations.status, ['pending', 'sent']),
        leaseFree(options.owner),
      ),
    )
    .returning();
  return row;
}

/** Gives the lease back; with `retryInMs` the burn is due again only after that delay. */
export async function releaseRevocation(
  db: Db,
  issuanceId: string,
  owner: string,
  retryInMs?: number,
): Promise<void> {
  await db
    .update(badgeRevocations)
    .set({
      leaseOwner: null,
      leaseExpiresAt: null,
      ...(retryInMs === undefined ? {} : { nextAttemptAt: dbNowPlus(retryInMs) }),
    })
    .where(and(eq(badgeRevocations.issuanceId, issuanceId), eq(badgeRevocations.leaseOwner, owner)));
}

/**
 * The revocation's rows, in the caller's transaction: `revoked_at`, the revocation itself, the
 * person's "revoked" notice (their unread "you received" notice of it marked read, as it would
 * now mislead). Returns the person's email for the notice email.
 */
export async function recordRevocation(
  tx: Tx,
  values: typeof badgeRevocations.$inferInsert & { userId: string; at: Date },
): Promise<{ email: string | undefined }> {
  const { userId, at, ...revocation } = values;
  await tx.update(badgeIssuances).set({ revokedAt: at }).where(eq(badgeIssuances.id, revocation.issuanceId));
  await tx.insert(badgeRevocations).values(revocation);
  await tx
    .update(badgeNotifications)
    .set({ isRead: true, readAt: at })
    .where(
      and(
        eq(badgeNotifications.issuanceId, revocation.issuanceId),
        eq(badgeNotifications.kind, 'issued'),
        eq(badgeNotifications.isRead, false),
      ),
    );
  await tx.insert(badgeNotifications).values({ issuanceId: revocation.issuanceId, userId, kind: 'revoked' });
  const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
  return { email: user?.email };
}

/** What a burn needs besides its row: the badge's mint, and the audit entry's badge and person. */
export async function loadBurnTarget(db: Pick<Db, 'select'>, issuanceId: string) {
  const [found] = await db
    .select({
      mint: badges.mintAddress,
      badgeId: badges.id,
      userId: badgeIssuances.userId,
      walletAddress: badgeIssuances.walletAddress,
    })
    .from(badgeIssuances)
    .innerJoin(badges, eq(badges.id, badgeIssuances.badgeId))
    .where(eq(badgeIssuances.id, issuanceId));
  return found;
}
