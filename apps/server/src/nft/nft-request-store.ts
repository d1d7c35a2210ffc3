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
import type { NftEffect } from './nft-request-effects.ts';

export type NftRequestRow = typeof nftRequests.$inferSelect;
type MachineColumn =
  'mode' | 'status' | 'attempts' | 'burnSignature' | 'mintSignature' | 'errorCode' | 'lastError';

export async function findRequest(db: Db, id: string): Promise<NftRequestRow | undefined> {
  const [row] = await db.select().from(nftRequests).where(eq(nftRequests.id, id));
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
  } = {},
): Promise<NftRequestRow> {
  const next = transition(toNftRequestState(row), event);
  const terminal = (terminalNftRequestStatuses as readonly string[]).includes(next.status);
  const changes = {
    mode: next.mode,
    status: next.status,
    attempts: next.attempts,
    burnSignature: next.burnSignature,
    mintSignature: next.mintSignature,
    errorCode: next.errorCode,
    lastError: next.lastError,
    ...options.patch,
    ...(terminal ? { completedAt: new Date(), leaseOwner: null, leaseExpiresAt: null } : {}),
  };
  // What the row will say: the effects and events are written from it in the same statement.
  const expected = { ...row, ...changes };
  const locked = db.$with('locked', { id: sql<string>`id` }).as(
    sql`select id from nft_requests
        where id = ${row.id} and status = ${row.status} and mode = ${row.mode}
          and attempts = ${row.attempts}
          and mint_signature is not distinct from ${row.mintSignature}
          and burn_signature is not distinct from ${row.burnSignature}
        for update`,
  );
  const logged = db.$with('logged', { id: sql<string>`id` }).as(
    sql`insert into nft_request_events (request_id, from_status, to_status, signature, detail, actor_id)
        select id, ${row.status}, ${next.status}, ${'signature' in event ? event.signature : null},
          ${JSON.stringify({
            event: event.type,
            ...('code' in event ? { code: event.code, message: event.message } : {}),
            ...options.detail,
          })}::jsonb, ${options.actorId ?? null}::uuid
        from locked returning id`,
  );
  const statements = [
    locked,
    logged,
    ...outboxInserts(db, options.outbox?.(expected) ?? []),
    ...effectStatements(db, options.effects?.(expected) ?? []),
  ];
  crashPoint(`nft.commit.${event.type}.before`, row.userId); // test-only, see crash-point.ts
  const [updated] = await db
    .with(...statements)
    .update(nftRequests)
    .set(changes)
    .where(and(eq(nftRequests.id, row.id), sql`${nftRequests.id} in (select id from locked)`))
    .returning();
  if (!updated) throw staleError('nft_request', [row.id]);
  crashPoint(`nft.commit.${event.type}.after`, row.userId); // test-only, see crash-point.ts
  return updated;
}

/** The outbox rows of a transition, as statements of its one round trip. */
function outboxInserts(db: Db, events: NewOutboxEvent[]) {
  return events.map((e, i) =>
    db.$with(`announced_${i}`, { id: sql<string>`id` }).as(
      sql`insert into outbox (topic, type, key, payload)
          select ${e.topic}, ${e.type}, ${e.key ?? null}, ${JSON.stringify(e.payload)}::jsonb
          from locked returning id`,
    ),
  );
}

/**
 * The NFT rows of a transition. A burn comes first and the insert reads its result, which makes
 * PostgreSQL finish the burn before it inserts: the one-active-NFT index never sees two.
 */
function effectStatements(db: Db, effects: NftEffect[]) {
  return effects.map((effect, i) => {
    const after = i > 0 ? sql`where (select count(*) from effect_${sql.raw(String(i - 1))}) >= 0` : sql``;
    const statement =
      effect.type === 'burn_old'
        ? sql`update user_nfts set status = 'burned', burned_at = now(), updated_at = now(),
                burn_signature = ${effect.burnSignature}
              where id = ${effect.nftId} and status = 'active' and exists (select 1 from locked)
              returning id`
        : sql`insert into user_nfts (user_id, level, mint_address, owner_wallet, status, request_id, mint_signature)
              select ${effect.userId}::uuid, ${effect.level}::smallint, ${effect.mintAddress}, ${effect.ownerWallet},
                'active', ${effect.requestId}::uuid, ${effect.mintSignature}
              from locked ${after} returning id`;
    return db.$with(`effect_${i}`, { id: sql<string>`id` }).as(statement);
  });
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

/** Takes the lease on one row if nobody else holds it: the row as leased, or undefined. */
export async function tryLeaseRequest(
  db: Db,
  id: string,
  owner: string,
  leaseMs: number,
): Promise<NftRequestRow | undefined> {
  const [row] = await requestQueue.tryLease(db, { ids: [id], owner, leaseMs });
  return row;
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
