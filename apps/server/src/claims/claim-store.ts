import { and, eq, isNull, lt, lte, or, inArray } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import { transitionClaim, type ClaimEvent, type ClaimState } from './claim-machine.ts';
import { claimIntents } from './claims-schema.ts';

export type ClaimRow = typeof claimIntents.$inferSelect;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** What else must be true once a claim moved: written in the transaction that moves it. */
export type ClaimEffects = (
  tx: Tx,
  change: { before: ClaimRow; after: ClaimRow; event: ClaimEvent; actorId: string | null },
) => Promise<void>;

/** Another worker or request moved the claim first; the caller re-reads and decides again. */
export class StaleClaimError extends Error {
  constructor(readonly claimId: string) {
    super(`claim ${claimId} changed underneath`);
    this.name = 'StaleClaimError';
  }
}

export async function findClaim(db: Pick<Db, 'select'>, id: string): Promise<ClaimRow | undefined> {
  const [row] = await db.select().from(claimIntents).where(eq(claimIntents.id, id));
  return row;
}

/** The claim, or CLAIM__NOT_FOUND. */
export async function getClaim(db: Pick<Db, 'select'>, id: string): Promise<ClaimRow> {
  const row = await findClaim(db, id);
  if (!row) throw new AppError('CLAIM__NOT_FOUND');
  return row;
}

const machineState = (r: ClaimRow): ClaimState => ({
  status: r.status,
  signingMode: r.signingMode,
  transferSignature: r.transferSignature,
  attempts: r.attempts,
  errorCode: r.errorCode,
  lastError: r.lastError,
  rejectReason: r.rejectReason,
});

const terminal = new Set(['completed', 'rejected', 'failed']);

/**
 * Applies one event to a claim in one transaction: the row is locked and must still be in the
 * status the caller saw; the issuance, audit log, outbox events and emails (`effects`) commit
 * with it or not at all.
 */
export async function applyClaimEvent(
  db: Db,
  row: ClaimRow,
  event: ClaimEvent,
  options: {
    effects: ClaimEffects;
    patch?: Partial<typeof claimIntents.$inferInsert>;
    actorId?: string | null;
  },
): Promise<ClaimRow> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(claimIntents).where(eq(claimIntents.id, row.id)).for('update');
    if (!current || current.status !== row.status) throw new StaleClaimError(row.id);
    const next = transitionClaim(machineState(current), event);
    const [after] = await tx
      .update(claimIntents)
      .set({
        ...next,
        ...options.patch,
        ...(next.status === 'completed' ? { completedAt: new Date() } : {}),
        ...(terminal.has(next.status) ? { leaseOwner: null, leaseExpiresAt: null, nextAttemptAt: null } : {}),
      })
      .where(eq(claimIntents.id, row.id))
      .returning();
    await options.effects(tx, { before: current, after: after!, event, actorId: options.actorId ?? null });
    return after!;
  });
}

/**
 * Claims a worker drives without anyone: transfers in flight, and server-signed approvals
 * whose transfer is not sent yet (an admin_wallet approval waits for the admin's wallet).
 */
const dueCondition = () =>
  or(
    eq(claimIntents.status, 'transferring'),
    and(eq(claimIntents.status, 'approved'), eq(claimIntents.signingMode, 'server')),
  );

/**
 * Leases up to `limit` due claims to `owner`. SKIP LOCKED and the lease keep two workers (or a
 * worker and an admin's request) off the same claim; a crashed holder's lease runs out.
 */
export async function leaseDueClaims(
  db: Db,
  owner: string,
  limit: number,
  leaseMs: number,
): Promise<ClaimRow[]> {
  const now = new Date();
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: claimIntents.id })
      .from(claimIntents)
      .where(
        and(
          dueCondition(),
          or(isNull(claimIntents.nextAttemptAt), lte(claimIntents.nextAttemptAt, now)),
          or(isNull(claimIntents.leaseExpiresAt), lt(claimIntents.leaseExpiresAt, now)),
        ),
      )
      .orderBy(claimIntents.updatedAt)
      .limit(limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(claimIntents)
      .set({ leaseOwner: owner, leaseExpiresAt: new Date(now.getTime() + leaseMs) })
      .where(
        inArray(
          claimIntents.id,
          due.map((d) => d.id),
        ),
      )
      .returning();
  });
}

/** Takes the lease on one claim if nobody else holds it; the row as leased, or undefined. */
export async function tryLeaseClaim(
  db: Db,
  id: string,
  owner: string,
  leaseMs: number,
): Promise<ClaimRow | undefined> {
  const now = new Date();
  const [row] = await db
    .update(claimIntents)
    .set({ leaseOwner: owner, leaseExpiresAt: new Date(now.getTime() + leaseMs) })
    .where(
      and(
        eq(claimIntents.id, id),
        or(
          isNull(claimIntents.leaseExpiresAt),
          lt(claimIntents.leaseExpiresAt, now),
          eq(claimIntents.leaseOwner, owner),
        ),
      ),
    )
    .returning();
  return row;
}

export async function releaseClaimLease(db: Db, id: string, owner: string, retryAt?: Date): Promise<void> {
  await db
    .update(claimIntents)
    .set({ leaseOwner: null, leaseExpiresAt: null, ...(retryAt ? { nextAttemptAt: retryAt } : {}) })
    .where(and(eq(claimIntents.id, id), eq(claimIntents.leaseOwner, owner)));
}
