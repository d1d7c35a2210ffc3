import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { users } from '../auth/auth-schema.ts';
import type { Db } from '../db/database.ts';
import type { NewOutboxEvent } from '../events/outbox-store.ts';
import { crashPoint } from '../jobs/crash-point.ts';
import { createDurableQueue } from '../jobs/durable-queue.ts';
import { transition, type NftRequestEvent } from './nft-request-machine.ts';
import { toNftRequestState } from './nft-request-state.ts';
import { nftRequestEvents, nftRequests, terminalNftRequestStatuses } from './nft-schema.ts';
import { staleError } from '../errors/stale-error.ts';
import { expectRow } from '../db/expect-row.ts';
import { preparedOnce } from '../db/prepared-once.ts';
import type { NftEffect } from './nft-request-effects.ts';
import { preparedTransition, rowParams } from './nft-transition-queries.ts';

export type NftRequestRow = typeof nftRequests.$inferSelect;
type MachineColumn =
  'mode' | 'status' | 'attempts' | 'burnSignature' | 'mintSignature' | 'errorCode' | 'lastError';

export async function findRequest(db: Db, id: string): Promise<NftRequestRow | undefined> {
  const statement = preparedOnce(db, 'nft_request_by_id', (name) =>
    db
      .select()
      .from(nftRequests)
      .where(eq(nftRequests.id, sql.placeholder('id')))
      .prepare(name),
  );
  const [row] = await statement.execute({ id });
  return row;
}

/**
 * Applies one state-machine event to a request in one statement (one round trip): the row is
 * locked and must still be as the caller read it (status, mode, attempts, signatures), the
 * transition is recorded in `nft_request_events`, and the NFT rows and outbox events are written
 * with it or not at all. A row that moved meanwhile is a STATE__STALE error and changes nothing.
 */
export async function applyNftEvent(
  db: Db,
  row: NftRequestRow,
  event: NftRequestEvent,
  options: {
    /** Other columns to write with it; the machine's own are the machine's alone. */
    patch?: Omit<Partial<typeof nftRequests.$inferInsert>, MachineColumn>;
    effects?: (next: NftRequestRow) => NftEffect[];
    outbox?: (next: NftRequestRow) => NewOutboxEvent[];
    actorId?: string;
    detail?: Record<string, unknown>;
    /**
     * Take the row's lease with the transition (one statement instead of two): the row must be
     * free of any other lease and still hold the transaction the caller checked.
     */
    lease?: { owner: string; ms: number; preparedTransaction: string | null };
  } = {},
): Promise<NftRequestRow> {
  const next = transition(toNftRequestState(row), event);
  const terminal = (terminalNftRequestStatuses as readonly string[]).includes(next.status);
  const lease = options.lease;
  const changes: Partial<NftRequestRow> = {
    mode: next.mode,
    status: next.status,
    attempts: next.attempts,
    burnSignature: next.burnSignature,
    mintSignature: next.mintSignature,
    errorCode: next.errorCode,
    lastError: next.lastError,
    ...options.patch,
    ...(lease ? { leaseOwner: lease.owner } : {}),
    ...(terminal ? { completedAt: new Date(), leaseOwner: null, leaseExpiresAt: null } : {}),
  };
  // What the row will say: the effects and events are written from it in the same statement.
  const expected: NftRequestRow = { ...row, ...changes };
  const outbox = options.outbox?.(expected) ?? [];
  const effects = options.effects?.(expected) ?? [];
  const set = Object.keys(changes).filter((c) => c !== 'updatedAt') as (keyof NftRequestRow)[];
  const columns = set.filter((c) => changes[c] !== null);
  const statement = preparedTransition(db, {
    columns,
    nulls: set.filter((c) => changes[c] === null),
    lease: lease !== undefined,
    outbox: outbox.length,
    effects: effects.map((e) => e.type),
  });
  const params: Record<string, unknown> = {
    id: row.id,
    fromStatus: row.status,
    fromMode: row.mode,
    fromAttempts: row.attempts,
    fromMintSignature: row.mintSignature,
    fromBurnSignature: row.burnSignature,
    leaseOwner: lease?.owner,
    leasePreparedTransaction: lease?.preparedTransaction,
    leaseSeconds: lease ? lease.ms / 1000 : undefined,
    toStatus: next.status,
    eventSignature: 'signature' in event ? event.signature : null,
    detail: JSON.stringify({
      event: event.type,
      ...('code' in event ? { code: event.code, message: event.message } : {}),
      ...options.detail,
    }),
    actorId: options.actorId ?? null,
    updatedAt: new Date(),
    ...rowParams(outbox, effects),
  };
  for (const column of columns) params[`set_${column}`] = changes[column];
  crashPoint(`nft.commit.${event.type}.before`, row.userId); // test-only, see crash-point.ts
  const [updated] = await statement.execute(params);
  if (!updated) throw staleError('nft_request', [row.id]);
  crashPoint(`nft.commit.${event.type}.after`, row.userId); // test-only, see crash-point.ts
  return updated;
}

/** Statuses a worker drives on without the user. */
export const workerStatuses = ['submitted', 'burn_submitted', 'burn_confirmed', 'mint_submitted'] as const;

/** The requests a worker drives, leased by the one durable queue. */
const requestQueue = createDurableQueue({
  table: nftRequests,
  ready: () => inArray(nftRequests.status, [...workerStatuses]),
  orderBy: () => [nftRequests.updatedAt],
});

/**
 * Leases up to `limit` due requests to `owner` for `leaseMs`. The lease keeps two workers (or a
 * worker and the submit route) off the same row, while a crashed holder's lease simply runs out.
 */
export function leaseDueRequests(
  db: Db,
  owner: string,
  limit: number,
  leaseMs: number,
): Promise<NftRequestRow[]> {
  return requestQueue.leaseDue(db, { owner, limit, leaseMs });
}

/** Gives the lease back; with `retryInMs` the request is due again only after that delay. */
export function releaseLease(db: Db, id: string, owner: string, retryInMs?: number): Promise<void> {
  return requestQueue.release(db, { ids: [id], owner, retryInMs });
}

/** Requests nobody signed within `olderThanMs` are abandoned (their blockhash is long gone). */
export async function staleAwaitingRequests(db: Db, olderThanMs: number): Promise<NftRequestRow[]> {
  return db
    .select()
    .from(nftRequests)
    .where(
      and(
        inArray(nftRequests.status, ['awaiting_signature', 'awaiting_burn_signature']),
        lt(nftRequests.updatedAt, sql`now() - make_interval(secs => ${olderThanMs / 1000})`),
      ),
    )
    .limit(100);
}

/** Inserts a fresh request; a concurrent one for the same user fails on the unique index. */
export async function insertRequest(db: Db, values: typeof nftRequests.$inferInsert): Promise<NftRequestRow> {
  const columns = Object.keys(values).filter((c) => values[c as keyof typeof values] !== undefined);
  const statement = preparedOnce(db, `nft_request_insert|${columns.join(',')}`, (name) =>
    db
      .insert(nftRequests)
      .values(Object.fromEntries(columns.map((c) => [c, sql.placeholder(c)])) as unknown as typeof values)
      .returning()
      .prepare(name),
  );
  return expectRow(await statement.execute(values), 'nft request');
}

/**
 * Stores the transaction prepared for the user, only if the stored one is still the one the
 * caller saw (compare-and-set); undefined when another prepare stored one meanwhile.
 */
export async function storePreparedTransaction(
  db: Db,
  row: Pick<NftRequestRow, 'id' | 'preparedTransaction'>,
  prepared: { preparedTransaction: string; lastValidBlockHeight: bigint; costLamports: bigint },
): Promise<NftRequestRow | undefined> {
  const [updated] = await db
    .update(nftRequests)
    .set(prepared)
    .where(
      and(
        eq(nftRequests.id, row.id),
        sql`${nftRequests.preparedTransaction} is not distinct from ${row.preparedTransaction}`,
      ),
    )
    .returning();
  return updated;
}

/** Requests in these statuses with their owner's email, most recently changed first. */
export function listRequestsWithOwner(db: Db, statuses: readonly NftRequestRow['status'][], limit: number) {
  return db
    .select({ request: nftRequests, email: users.email })
    .from(nftRequests)
    .innerJoin(users, eq(users.id, nftRequests.userId))
    .where(inArray(nftRequests.status, [...statuses]))
    .orderBy(desc(nftRequests.updatedAt))
    .limit(limit);
}

/** Every recorded transition of a request, oldest first. */
export function listRequestEvents(db: Db, requestId: string) {
  return db
    .select()
    .from(nftRequestEvents)
    .where(eq(nftRequestEvents.requestId, requestId))
    .orderBy(nftRequestEvents.createdAt);
}
