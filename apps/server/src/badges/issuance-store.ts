import { and, eq, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { badgeIssuanceBatches, badgeIssuances, badgeIssuanceTransactions, badges } from './badges-schema.ts';
import { transitionIssuance, type IssuanceEvent, type IssuanceState } from './issuance-machine.ts';

export type IssuanceRow = typeof badgeIssuances.$inferSelect;
export type IssuanceTransactionRow = typeof badgeIssuanceTransactions.$inferSelect;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type IssuancePatch = Partial<typeof badgeIssuances.$inferInsert>;

/** Another worker or request moved the rows first; the caller re-reads and decides again. */
export class StaleIssuanceError extends Error {
  constructor(readonly ids: readonly string[]) {
    super(`issuances changed underneath: ${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ', …' : ''}`);
    this.name = 'StaleIssuanceError';
  }
}

const machineState = (r: IssuanceRow): IssuanceState => ({
  status: r.status,
  destination: r.destination,
  hasPayload: r.metadataCid !== null,
  attempts: r.attempts,
  mintSignature: r.mintSignature,
  lastError: r.lastError,
});

/**
 * Applies a state-machine event to each row and writes the results, one UPDATE per distinct
 * outcome (a packed transaction's rows mostly share one), each guarded on the status the
 * caller saw. Returns the rows as they are now.
 */
export async function applyIssuanceEvent(
  tx: Tx,
  rows: readonly IssuanceRow[],
  event: IssuanceEvent | ((row: IssuanceRow) => IssuanceEvent),
  extra: (row: IssuanceRow) => IssuancePatch = () => ({}),
): Promise<IssuanceRow[]> {
  const groups = new Map<string, { from: IssuanceRow['status']; ids: string[]; set: IssuancePatch }>();
  for (const row of rows) {
    const next = transitionIssuance(machineState(row), typeof event === 'function' ? event(row) : event);
    const set: IssuancePatch = {
      status: next.status,
      attempts: next.attempts,
      mintSignature: next.mintSignature,
      lastError: next.lastError,
      ...extra(row),
    };
    const key = `${row.status}|${JSON.stringify(set)}`;
    const group = groups.get(key) ?? { from: row.status, ids: [], set };
    group.ids.push(row.id);
    groups.set(key, group);
  }
  const out: IssuanceRow[] = [];
  for (const group of groups.values()) {
    const updated = await tx
      .update(badgeIssuances)
      .set(group.set)
      .where(and(inArray(badgeIssuances.id, group.ids), eq(badgeIssuances.status, group.from)))
      .returning();
    if (updated.length !== group.ids.length) throw new StaleIssuanceError(group.ids);
    out.push(...updated);
  }
  return out;
}

/** The rows of `ids` locked for this transaction, in a stable order (no deadlocks between workers). */
export async function lockIssuances(tx: Tx, where: SQL): Promise<IssuanceRow[]> {
  return tx.select().from(badgeIssuances).where(where).orderBy(badgeIssuances.id).for('update');
}

const due = (now: Date) =>
  and(
    or(isNull(badgeIssuances.nextAttemptAt), lte(badgeIssuances.nextAttemptAt, now)),
    or(isNull(badgeIssuances.leaseExpiresAt), lt(badgeIssuances.leaseExpiresAt, now)),
  );

async function leaseIssuances(db: Db, where: SQL, owner: string, limit: number, leaseMs: number) {
  const now = new Date();
  return db.transaction(async (tx) => {
    const picked = await tx
      .select({ id: badgeIssuances.id })
      .from(badgeIssuances)
      .where(and(where, due(now)))
      .orderBy(badgeIssuances.batchId, badgeIssuances.createdAt, badgeIssuances.id)
      .limit(limit)
      .for('update', { skipLocked: true });
    if (picked.length === 0) return [];
    return tx
      .update(badgeIssuances)
      .set({ leaseOwner: owner, leaseExpiresAt: new Date(now.getTime() + leaseMs) })
      .where(
        inArray(
          badgeIssuances.id,
          picked.map((p) => p.id),
        ),
      )
      .returning();
  });
}

/** Issuances whose payload is not on IPFS yet (SKIP LOCKED, leased to `owner`). */
export function leasePendingUploads(db: Db, owner: string, limit: number, leaseMs: number) {
  return leaseIssuances(db, eq(badgeIssuances.status, 'pending'), owner, limit, leaseMs);
}

/** Whether a batch has issuances whose payload upload is due now (not backing off after a failure). */
export async function hasPendingUploads(db: Db, batchId: string): Promise<boolean> {
  const now = new Date();
  const [row] = await db
    .select({ id: badgeIssuances.id })
    .from(badgeIssuances)
    .where(
      and(
        eq(badgeIssuances.batchId, batchId),
        eq(badgeIssuances.status, 'pending'),
        or(isNull(badgeIssuances.nextAttemptAt), lte(badgeIssuances.nextAttemptAt, now)),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** Uploaded issuances of server-signed batches, ready to be packed and minted. */
export function leaseServerMints(db: Db, owner: string, limit: number, leaseMs: number) {
  return leaseIssuances(
    db,
    and(
      eq(badgeIssuances.status, 'uploaded'),
      sql`${badgeIssuances.batchId} in (select ${badgeIssuanceBatches.id} from ${badgeIssuanceBatches} where ${badgeIssuanceBatches.signingMode} = 'server')`,
    )!,
    owner,
    limit,
    leaseMs,
  );
}

export async function releaseIssuances(db: Db, ids: readonly string[], owner: string, retryAt?: Date) {
  if (ids.length === 0) return;
  await db
    .update(badgeIssuances)
    .set({ leaseOwner: null, leaseExpiresAt: null, ...(retryAt ? { nextAttemptAt: retryAt } : {}) })
    .where(and(inArray(badgeIssuances.id, [...ids]), eq(badgeIssuances.leaseOwner, owner)));
}

/**
 * Sent transactions nobody is following: their sender crashed or timed out. SKIP LOCKED and the
 * lease keep two workers (or a worker and the `/signed` route) off the same transaction.
 */
export async function leaseSentTransactions(db: Db, owner: string, limit: number, leaseMs: number) {
  const now = new Date();
  return db.transaction(async (tx) => {
    const picked = await tx
      .select({ id: badgeIssuanceTransactions.id })
      .from(badgeIssuanceTransactions)
      .where(
        and(
          eq(badgeIssuanceTransactions.status, 'sent'),
          or(
            isNull(badgeIssuanceTransactions.nextAttemptAt),
            lte(badgeIssuanceTransactions.nextAttemptAt, now),
          ),
          or(
            isNull(badgeIssuanceTransactions.leaseExpiresAt),
            lt(badgeIssuanceTransactions.leaseExpiresAt, now),
          ),
        ),
      )
      .orderBy(badgeIssuanceTransactions.createdAt)
      .limit(limit)
      .for('update', { skipLocked: true });
    if (picked.length === 0) return [];
    return tx
      .update(badgeIssuanceTransactions)
      .set({ leaseOwner: owner, leaseExpiresAt: new Date(now.getTime() + leaseMs) })
      .where(
        inArray(
          badgeIssuanceTransactions.id,
          picked.map((p) => p.id),
        ),
      )
      .returning();
  });
}

/** Takes the lease on transactions nobody holds; returns the ones it got. */
export async function tryLeaseTransactions(
  db: Db,
  ids: readonly string[],
  owner: string,
  leaseMs: number,
): Promise<IssuanceTransactionRow[]> {
  if (ids.length === 0) return [];
  const now = new Date();
  return db
    .update(badgeIssuanceTransactions)
    .set({ leaseOwner: owner, leaseExpiresAt: new Date(now.getTime() + leaseMs) })
    .where(
      and(
        inArray(badgeIssuanceTransactions.id, [...ids]),
        or(
          isNull(badgeIssuanceTransactions.leaseExpiresAt),
          lt(badgeIssuanceTransactions.leaseExpiresAt, now),
          eq(badgeIssuanceTransactions.leaseOwner, owner),
        ),
      ),
    )
    .returning();
}

export async function releaseTransaction(db: Db, id: string, owner: string, retryAt?: Date): Promise<void> {
  await db
    .update(badgeIssuanceTransactions)
    .set({ leaseOwner: null, leaseExpiresAt: null, ...(retryAt ? { nextAttemptAt: retryAt } : {}) })
    .where(and(eq(badgeIssuanceTransactions.id, id), eq(badgeIssuanceTransactions.leaseOwner, owner)));
}

/** Admin-wallet transactions still unsigned whose blockhash has expired by `blockHeight` (any height: all unsigned). */
export async function expiredUnsignedTransactions(
  db: Db,
  blockHeight: bigint | null,
  batchId?: string,
  limit = 100,
) {
  return db
    .select()
    .from(badgeIssuanceTransactions)
    .where(
      and(
        eq(badgeIssuanceTransactions.status, 'awaiting_signature'),
        blockHeight === null ? undefined : lt(badgeIssuanceTransactions.lastValidBlockHeight, blockHeight),
        batchId ? eq(badgeIssuanceTransactions.batchId, batchId) : undefined,
      ),
    )
    .limit(limit);
}

/** Badge fields the issuance flow needs, by id. */
export async function loadBadgeInfo(db: Pick<Db, 'select'>, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, typeof badges.$inferSelect>();
  const rows = await db
    .select()
    .from(badges)
    .where(inArray(badges.id, [...new Set(ids)]));
  return new Map(rows.map((b) => [b.id, b]));
}
