import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { users } from '../auth/auth-schema.ts';
import type { Db } from '../db/database.ts';
import { writeOutboxEvent, type NewOutboxEvent } from '../events/outbox-store.ts';
import { crashPoint } from '../jobs/crash-point.ts';
import { createDurableQueue } from '../jobs/durable-queue.ts';
import { transition, type NftRequestEvent } from './nft-request-machine.ts';
import { toNftRequestState } from './nft-request-state.ts';
import { nftRequestEvents, nftRequests, terminalNftRequestStatuses } from './nft-schema.ts';
import { staleError } from '../errors/stale-error.ts';
import { expectRow } from '../db/expect-row.ts';

export type NftRequestRow = typeof nftRequests.$inferSelect;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type MachineColumn =
  'mode' | 'status' | 'attempts' | 'burnSignature' | 'mintSignature' | 'errorCode' | 'lastError';

export async function findRequest(db: Db, id: string): Promise<NftRequestRow | undefined> {
  const [row] = await db.select().from(nftRequests).where(eq(nftRequests.id, id));
  return row;
}

/**
 * Applies one state-machine event to a request in a transaction: the row is locked and must
 * still be in the status the caller saw, the transition is recorded in `nft_request_events`,
 * and the side effects and outbox events commit with it or not at all.
 */
export async function applyNftEvent(
  db: Db,
  row: NftRequestRow,
  event: NftRequestEvent,
  options: {
    /** Other columns to write with it; the machine's own are the machine's alone. */
    patch?: Omit<Partial<typeof nftRequests.$inferInsert>, MachineColumn>;
    effects?: (tx: Tx, next: NftRequestRow) => Promise<void>;
    outbox?: (next: NftRequestRow) => NewOutboxEvent[];
    actorId?: string;
    detail?: Record<string, unknown>;
  } = {},
): Promise<NftRequestRow> {
  const committed = await db.transaction(async (tx) => {
    const [current] = await tx.select().from(nftRequests).where(eq(nftRequests.id, row.id)).for('update');
    if (!current || current.status !== row.status) throw staleError('nft_request', [row.id]);
    const next = transition(toNftRequestState(current), event);
    const terminal = (terminalNftRequestStatuses as readonly string[]).includes(next.status);
    const updated = expectRow(
      await tx
        .update(nftRequests)
        .set({
          mode: next.mode,
          status: next.status,
          attempts: next.attempts,
          burnSignature: next.burnSignature,
          mintSignature: next.mintSignature,
          errorCode: next.errorCode,
          lastError: next.lastError,
          ...options.patch,
          ...(terminal ? { completedAt: new Date(), leaseOwner: null, leaseExpiresAt: null } : {}),
        })
        .where(eq(nftRequests.id, row.id))
        .returning(),
      'nft request',
    );
    await tx.insert(nftRequestEvents).values({
      requestId: row.id,
      fromStatus: current.status,
      toStatus: next.status,
      signature: 'signature' in event ? event.signature : null,
      detail: {
        event: event.type,
        ...('code' in event ? { code: event.code, message: event.message } : {}),
        ...options.detail,
      },
      actorId: options.actorId ?? null,
    });
    await options.effects?.(tx, updated);
    for (const e of options.outbox?.(updated) ?? []) await writeOutboxEvent(tx, e);
    crashPoint(`nft.commit.${event.type}.before`, row.userId); // test-only, see crash-point.ts
    return updated;
  });
  crashPoint(`nft.commit.${event.type}.after`, row.userId); // test-only, see crash-point.ts
  return committed;
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

/** Takes the lease on one row if nobody else holds it; false if someone does. */
export async function tryLeaseRequest(db: Db, id: string, owner: string, leaseMs: number): Promise<boolean> {
  return (await requestQueue.tryLease(db, { ids: [id], owner, leaseMs })).length > 0;
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
  return expectRow(await db.insert(nftRequests).values(values).returning(), 'nft request');
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
