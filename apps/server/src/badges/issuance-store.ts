import { and, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Db } from '../db/database.ts';
import { preparedOnce } from '../db/prepared-once.ts';
import { dbNow } from '../db/database-clock.ts';
import { createDurableQueue } from '../jobs/durable-queue.ts';
import { badgeIssuanceBatches, badgeIssuances, badgeIssuanceTransactions, badges } from './badges-schema.ts';
import {
  transitionIssuance,
  transitionIssuanceTransaction,
  type IssuanceEvent,
  type IssuanceTransactionEvent,
} from './issuance-machine.ts';
import {
  issuanceColumns,
  issuanceTransactionColumns,
  toIssuanceState,
  toIssuanceTransactionState,
} from './issuance-state-rows.ts';
import { staleError } from '../errors/stale-error.ts';

export type IssuanceRow = typeof badgeIssuances.$inferSelect;
export type IssuanceTransactionRow = typeof badgeIssuanceTransactions.$inferSelect;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Values or SQL (a retry due on the database clock); the machine's own columns excepted. */
type IssuancePatch = Omit<
  PgUpdateSetSource<typeof badgeIssuances>,
  'status' | 'attempts' | 'mintSignature' | 'lastError'
>;
type TransactionPatch = Omit<
  PgUpdateSetSource<typeof badgeIssuanceTransactions>,
  'status' | 'confirmedAt' | 'errorCode' | 'lastError'
>;

/**
 * Applies an event to a packed transaction and writes its new state (and `extra`, e.g. signed
 * bytes or a cleared lease), guarded on the status it was read in. Returns undefined when the
 * row has moved since (another request or worker got there first).
 */
export async function applyIssuanceTransactionEvent(
  tx: Tx,
  row: IssuanceTransactionRow,
  event: IssuanceTransactionEvent,
  extra: TransactionPatch = {},
): Promise<IssuanceTransactionRow | undefined> {
  const next = transitionIssuanceTransaction(toIssuanceTransactionState(row), event);
  const [updated] = await tx
    .update(badgeIssuanceTransactions)
    .set({ ...issuanceTransactionColumns(next), ...extra })
    .where(and(eq(badgeIssuanceTransactions.id, row.id), eq(badgeIssuanceTransactions.status, row.status)))
    .returning();
  return updated;
}

/**
 * {@link applyIssuanceTransactionEvent} for many rows: one UPDATE per distinct outcome (settled
 * together, they mostly share one), each guarded on the status the row was read in. Returns the
 * rows written; a row that has moved since is missing from it.
 */
export async function applyIssuanceTransactionEvents(
  tx: Tx,
  rows: readonly IssuanceTransactionRow[],
  eventOf: (row: IssuanceTransactionRow) => IssuanceTransactionEvent,
  extra: TransactionPatch = {},
): Promise<IssuanceTransactionRow[]> {
  type Set = PgUpdateSetSource<typeof badgeIssuanceTransactions>;
  const groups = new Map<string, { from: IssuanceTransactionRow['status']; ids: string[]; set: Set }>();
  for (const row of rows) {
    const next = transitionIssuanceTransaction(toIssuanceTransactionState(row), eventOf(row));
    const set: Set = { ...issuanceTransactionColumns(next), ...extra };
    const key = `${row.status}|${JSON.stringify(set)}`;
    const group = groups.get(key) ?? { from: row.status, ids: [], set };
    group.ids.push(row.id);
    groups.set(key, group);
  }
  const out: IssuanceTransactionRow[] = [];
  for (const group of groups.values()) {
    out.push(
      ...(await tx
        .update(badgeIssuanceTransactions)
        .set(group.set)
        .where(
          and(
            inArray(badgeIssuanceTransactions.id, group.ids),
            eq(badgeIssuanceTransactions.status, group.from),
          ),
        )
        .returning()),
    );
  }
  return out;
}

/**
 * Columns a state change may write with a different value per row (its transaction, its mint
 * signature, its payload). Rows that differ only in these share one UPDATE ... FROM unnest(...).
 */
const PER_ROW_COLUMNS = [
  'transactionId',
  'mintSignature',
  'metadataUri',
  'metadataCid',
  'gatewayUrl',
  'contentHash',
] as const;
type PerRowColumn = (typeof PER_ROW_COLUMNS)[number];
type IssuanceSet = PgUpdateSetSource<typeof badgeIssuances>;

/**
 * Applies a state-machine event to each row and writes the results, one UPDATE per distinct
 * outcome (a packed transaction's rows, or a whole pass's, mostly share one: values that differ
 * per row, such as each row's transaction or payload, go in as one array per column), each guarded on
 * the status the caller saw. Returns the rows as they are now.
 */
export async function applyIssuanceEvent(
  tx: Tx,
  rows: readonly IssuanceRow[],
  event: IssuanceEvent | ((row: IssuanceRow) => IssuanceEvent),
  extra: (row: IssuanceRow) => IssuancePatch = () => ({}),
): Promise<IssuanceRow[]> {
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const next = transitionIssuance(toIssuanceState(row), typeof event === 'function' ? event(row) : event);
    const set: IssuanceSet = { ...issuanceColumns(next), ...extra(row) };
    const columns = perRowColumnsOf(set);
    const shared = Object.entries(set).filter(([c]) => !(columns as readonly string[]).includes(c));
    const key = `${row.status}|${columns.join()}|${shared.map(([c, v]) => `${c}=${valueKey(v)}`).join('|')}`;
    const group = groups.get(key) ?? { from: row.status, set, columns, members: [] };
    group.members.push({ id: row.id, values: columns.map((c) => set[c] as string | null) });
    groups.set(key, group);
  }
  const out: IssuanceRow[] = [];
  for (const group of groups.values()) {
    const updated = await updateGroup(tx, group);
    const ids = group.members.map((m) => m.id);
    if (updated.length !== ids.length) throw staleError('issuance', ids);
    out.push(...updated);
  }
  return out;
}

/** JSON texts of the SQL values (due times, validity ends) passes share between their rows. */
const sqlKeys = new WeakMap<object, string>();

/**
 * A SET value as part of a group key: equal values give equal keys. A SQL value is serialised
 * once per object (a walk of drizzle's whole chunk tree, microseconds each), so a pass that
 * gives all its rows one object pays for it once.
 */
function valueKey(value: unknown): string {
  // The type too: null (clear the column) is not undefined (leave it) nor the text "null".
  if (value === null || typeof value !== 'object') return `${typeof value}:${String(value)}`;
  if (value instanceof Date) return `date:${value.getTime()}`;
  let key = sqlKeys.get(value);
  if (key === undefined) sqlKeys.set(value, (key = JSON.stringify(value)));
  return key;
}

/** Rows going from one status to one outcome, but for their own values of `columns`. */
type Group = {
  from: IssuanceRow['status'];
  /** The first member's values; the others differ in `columns` at most. */
  set: IssuanceSet;
  columns: readonly PerRowColumn[];
  members: { id: string; values: (string | null)[] }[];
};

const perRowColumnsOf = (set: IssuanceSet) =>
  PER_ROW_COLUMNS.filter((c) => set[c] === null || typeof set[c] === 'string');

/** `id = any($1)`: the ids as one array parameter, where `in (...)` takes one per id. */
const anyId = (ids: readonly string[]) => sql`${badgeIssuances.id} = any(${sql.param(ids)}::uuid[])`;

/** One UPDATE for a group: plain when every row gets the same values, else joined to its own values. */
function updateGroup(tx: Tx, group: Group) {
  const [first] = group.members;
  const at = group.columns.flatMap((_, i) =>
    group.members.some((m) => m.values[i] !== first?.values[i]) ? [i] : [],
  );
  if (at.length === 0)
    return tx
      .update(badgeIssuances)
      .set(group.set)
      .where(and(anyId(group.members.map((m) => m.id)), eq(badgeIssuances.status, group.from)))
      .returning();
  // One array per column (unnest): a statement of fixed size whatever the rows, where a VALUES
  // list costs a parameter, and building it a good deal of CPU, per cell.
  const set: IssuanceSet = { ...group.set };
  const arrays = [
    sql`${sql.param(group.members.map((m) => m.id))}::uuid[]`,
    ...at.flatMap((i, j) => {
      const column = group.columns[i];
      if (!column) return [];
      set[column] = sql.raw(`v.c${j}`);
      const values = group.members.map((m) => m.values[i] ?? null);
      return [sql`${sql.param(values)}::${sql.raw(badgeIssuances[column].getSQLType())}[]`];
    }),
  ];
  const names = sql.raw(['id', ...at.map((_, j) => `c${j}`)].join(', '));
  return tx
    .update(badgeIssuances)
    .set(set)
    .from(sql`unnest(${sql.join(arrays, sql`, `)}) as v(${names})`)
    .where(and(eq(badgeIssuances.id, sql`v.id`), eq(badgeIssuances.status, group.from)))
    .returning();
}

/** Packed transactions locked for settling, in a stable order (no deadlocks between workers). */
export async function lockIssuanceTransactions(
  tx: Tx,
  ids: readonly string[],
): Promise<IssuanceTransactionRow[]> {
  return tx
    .select()
    .from(badgeIssuanceTransactions)
    .where(inArray(badgeIssuanceTransactions.id, [...ids]))
    .orderBy(badgeIssuanceTransactions.id)
    .for('update');
}

/** The issuances still `minting` in any of these transactions, locked. */
export async function lockMintingIssuancesOf(
  tx: Tx,
  transactionIds: readonly string[],
): Promise<IssuanceRow[]> {
  return tx
    .select()
    .from(badgeIssuances)
    .where(
      and(inArray(badgeIssuances.transactionId, [...transactionIds]), eq(badgeIssuances.status, 'minting')),
    )
    .orderBy(badgeIssuances.id)
    .for('update');
}

const issuanceOrder = () => [badgeIssuances.batchId, badgeIssuances.createdAt, badgeIssuances.id];
/** Issuances whose payload is not on IPFS yet. */
const uploadQueue = createDurableQueue({
  table: badgeIssuances,
  ready: () => eq(badgeIssuances.status, 'pending'),
  orderBy: issuanceOrder,
});
/** Uploaded issuances of server-signed batches, ready to be packed and minted. */
const serverMintQueue = createDurableQueue({
  table: badgeIssuances,
  ready: () =>
    and(
      eq(badgeIssuances.status, 'uploaded'),
      sql`${badgeIssuances.batchId} in (select ${badgeIssuanceBatches.id} from ${badgeIssuanceBatches} where ${badgeIssuanceBatches.signingMode} = 'server')`,
    ),
  orderBy: issuanceOrder,
});
/** Sent transactions nobody is following: their sender crashed or timed out. */
const sentTransactionQueue = createDurableQueue({
  table: badgeIssuanceTransactions,
  ready: () => eq(badgeIssuanceTransactions.status, 'sent'),
  orderBy: () => [badgeIssuanceTransactions.createdAt],
});

/** Issuances whose payload is not on IPFS yet (SKIP LOCKED, leased to `owner`). */
export function leasePendingUploads(db: Db, owner: string, limit: number, leaseMs: number) {
  return uploadQueue.leaseDue(db, { owner, limit, leaseMs });
}

/** Whether a batch has issuances whose payload upload is due now (not backing off after a failure). */
export async function hasPendingUploads(db: Db, batchId: string): Promise<boolean> {
  // Asked for every batch of every mint pass: built once, prepared.
  const statement = preparedOnce(db, 'batch_has_pending_uploads', (name) =>
    db
      .select({ id: badgeIssuances.id })
      .from(badgeIssuances)
      .where(
        and(
          eq(badgeIssuances.batchId, sql.placeholder('batchId')),
          eq(badgeIssuances.status, 'pending'),
          or(isNull(badgeIssuances.nextAttemptAt), lte(badgeIssuances.nextAttemptAt, dbNow())),
        ),
      )
      .limit(1)
      .prepare(name),
  );
  const [row] = await statement.execute({ batchId });
  return row !== undefined;
}

/** Uploaded issuances of server-signed batches, ready to be packed and minted. */
export function leaseServerMints(db: Db, owner: string, limit: number, leaseMs: number) {
  return serverMintQueue.leaseDue(db, { owner, limit, leaseMs });
}

/** Gives `owner`'s lease on issuances back; with `retryInMs` they are due only after that delay. */
export function releaseIssuances(db: Db, ids: readonly string[], owner: string, retryInMs?: number) {
  return uploadQueue.release(db, { ids, owner, retryInMs });
}

/**
 * Sent transactions nobody is following: their sender crashed or timed out. The lease keeps two
 * workers (or a worker and the `/signed` route) off the same transaction.
 */
export function leaseSentTransactions(db: Db, owner: string, limit: number, leaseMs: number) {
  return sentTransactionQueue.leaseDue(db, { owner, limit, leaseMs });
}

/** Takes the lease on transactions nobody else holds; returns the ones it got. */
export function tryLeaseTransactions(
  db: Db,
  ids: readonly string[],
  owner: string,
  leaseMs: number,
): Promise<IssuanceTransactionRow[]> {
  return sentTransactionQueue.tryLease(db, { ids, owner, leaseMs });
}

/** Gives the lease back; with `retryInMs` the transaction is due again only after that delay. */
export function releaseTransaction(db: Db, id: string, owner: string, retryInMs?: number): Promise<void> {
  return sentTransactionQueue.release(db, { ids: [id], owner, retryInMs });
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
export async function loadBadgeInfo(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, typeof badges.$inferSelect>();
  // Every upload and mint pass asks: built once, prepared (one text for any number of ids).
  const statement = preparedOnce(db, 'badges_by_ids', (name) =>
    db
      .select()
      .from(badges)
      .where(sql`${badges.id} = any(${sql.placeholder('ids')}::uuid[])`)
      .prepare(name),
  );
  const rows = await statement.execute({ ids: [...new Set(ids)] });
  return new Map(rows.map((b) => [b.id, b]));
}
