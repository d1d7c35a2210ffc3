import { and, eq, or } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import { createDurableQueue } from '../jobs/durable-queue.ts';
import { transitionClaim, type ClaimEvent, type ClaimState } from './claim-machine.ts';
import { claimIntents } from './claims-schema.ts';
import { staleError } from '../errors/stale-error.ts';

export type ClaimRow = typeof claimIntents.$inferSelect;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** What else must be true once a claim moved: written in the transaction that moves it. */
export type ClaimEffects = (
  tx: Tx,
  change: { before: ClaimRow; after: ClaimRow; event: ClaimEvent; actorId: string | null },
) => Promise<void>;

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
    /** Values or SQL (a lease's end on the database clock). */
    patch?: PgUpdateSetSource<typeof claimIntents>;
    actorId?: string | null;
  },
): Promise<ClaimRow> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(claimIntents).where(eq(claimIntents.id, row.id)).for('update');
    if (!current || current.status !== row.status) throw staleError('claim', [row.id]);
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

/** The claims a worker drives, leased by the one durable queue. */
const claimQueue = createDurableQueue({
  table: claimIntents,
  ready: dueCondition,
  orderBy: () => [claimIntents.updatedAt],
});

/**
 * Leases up to `limit` due claims to `owner`. The lease keeps two workers (or a worker and an
 * admin's request) off the same claim; a crashed holder's lease runs out.
 */
export function leaseDueClaims(db: Db, owner: string, limit: number, leaseMs: number): Promise<ClaimRow[]> {
  return claimQueue.leaseDue(db, { owner, limit, leaseMs });
}

/** Takes the lease on one claim if nobody else holds it; the row as leased, or undefined. */
export async function tryLeaseClaim(
  db: Db,
  id: string,
  owner: string,
  leaseMs: number,
): Promise<ClaimRow | undefined> {
  const [row] = await claimQueue.tryLease(db, { ids: [id], owner, leaseMs });
  return row;
}

/** Gives the lease back; with `retryInMs` the claim is due again only after that delay. */
export function releaseClaimLease(db: Db, id: string, owner: string, retryInMs?: number): Promise<void> {
  return claimQueue.release(db, { ids: [id], owner, retryInMs });
}
