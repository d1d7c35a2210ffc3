import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { writeOutboxEvent, type NewOutboxEvent } from '../events/write-outbox-event.ts';
import { crashPoint } from '../jobs/crash-point.ts';
import { createDurableQueue } from '../jobs/durable-queue.ts';
import { transition, type NftRequestEvent, type NftRequestState } from './nft-request-machine.ts';
import { nftRequestEvents, nftRequests, terminalNftRequestStatuses } from './nft-schema.ts';
import { staleError } from '../errors/stale-error.ts';

export type NftRequestRow = typeof nftRequests.$inferSelect;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export async function findRequest(db: Db, id: string): Promise<NftRequestRow | undefined> {
  const [row] = await db.select().from(nftRequests).where(eq(nftRequests.id, id));
  return row;
}

const machineState = (r: NftRequestRow): NftRequestState => ({
  mode: r.mode,
  status: r.status,
  attempts: r.attempts,
  burnSignature: r.burnSignature,
  mintSignature: r.mintSignature,
  errorCode: r.errorCode,
  lastError: r.lastError,
});

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
    patch?: Partial<typeof nftRequests.$inferInsert>;
    effects?: (tx: Tx, next: NftRequestRow) => Promise<void>;
    outbox?: (next: NftRequestRow) => NewOutboxEvent[];
    actorId?: string;
    detail?: Record<string, unknown>;
  } = {},
): Promise<NftRequestRow> {
  const committed = await db.transaction(async (tx) => {
    const [current] = await tx.select().from(nftRequests).where(eq(nftRequests.id, row.id)).for('update');
    if (!current || current.status !== row.status) throw staleError('nft_request', [row.id]);
    const next = transition(machineState(current), event);
    const terminal = (terminalNftRequestStatuses as readonly string[]).includes(next.status);
    const [updated] = await tx
      .update(nftRequests)
      .set({
        ...next,
        ...options.patch,
        ...(terminal ? { completedAt: new Date(), leaseOwner: null, leaseExpiresAt: null } : {}),
      })
      .where(eq(nftRequests.id, row.id))
      .returning();
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
    await options.effects?.(tx, updated!);
    for (const e of options.outbox?.(updated!) ?? []) await writeOutboxEvent(tx, e);
    crashPoint(`nft.commit.${event.type}.before`, row.userId); // test-only, see crash-point.ts
    return updated!;
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
