import type { Address } from '@solana/kit';
import { and, eq, inArray, or } from 'drizzle-orm';
import { users } from '../auth/auth-schema.ts';
import { badgeIssuances, badges } from '../badges/badges-schema.ts';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import { createDurableQueue } from '../jobs/durable-queue.ts';
import { toClaimState, transitionClaim, type ClaimEvent } from './claim-machine.ts';
import { claimIntents } from './claims-schema.ts';
import { staleError } from '../errors/stale-error.ts';
import { expectRow } from '../db/expect-row.ts';

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
    patch?: Omit<
      PgUpdateSetSource<typeof claimIntents>,
      'status' | 'signingMode' | 'transferSignature' | 'attempts' | 'errorCode' | 'lastError' | 'rejectReason'
    >;
    actorId?: string | null;
  },
): Promise<ClaimRow> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(claimIntents).where(eq(claimIntents.id, row.id)).for('update');
    if (!current || current.status !== row.status) throw staleError('claim', [row.id]);
    const next = transitionClaim(toClaimState(current), event);
    const after = expectRow(
      await tx
        .update(claimIntents)
        .set({
          status: next.status,
          signingMode: next.signingMode,
          transferSignature: next.transferSignature,
          attempts: next.attempts,
          errorCode: next.errorCode,
          lastError: next.lastError,
          rejectReason: next.rejectReason,
          ...options.patch,
          ...(next.status === 'completed' ? { completedAt: new Date() } : {}),
          ...(terminal.has(next.status)
            ? { leaseOwner: null, leaseExpiresAt: null, nextAttemptAt: null }
            : {}),
        })
        .where(eq(claimIntents.id, row.id))
        .returning(),
      'claim',
    );
    await options.effects(tx, { before: current, after, event, actorId: options.actorId ?? null });
    return after;
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

/**
 * Stores a fresh transfer prepared for the admin's wallet on a claim still `approved`; the
 * earlier transfer is settled (it expired unseen), and the new one is recorded when sent.
 * Undefined when the claim moved on meanwhile.
 */
export async function storePreparedTransfer(
  tx: Tx,
  id: string,
  prepared: { preparedTransaction: string; lastValidBlockHeight: bigint },
): Promise<ClaimRow | undefined> {
  const [next] = await tx
    .update(claimIntents)
    .set({ ...prepared, transferSignature: null })
    .where(and(eq(claimIntents.id, id), eq(claimIntents.status, 'approved')))
    .returning();
  return next;
}

/** The user's linked wallet, the user row share-locked so it cannot change under the claim. */
export async function lockUserWallet(tx: Tx, userId: string): Promise<Address | null> {
  const [user] = await tx
    .select({ walletAddress: users.walletAddress })
    .from(users)
    .where(eq(users.id, userId))
    .for('share');
  return user?.walletAddress ?? null;
}

/** The issuances (with their badge) a claim is about, locked in a stable order. */
export function lockClaimCandidates(tx: Tx, issuanceIds: readonly string[]) {
  return tx
    .select({ issuance: badgeIssuances, badge: badges })
    .from(badgeIssuances)
    .innerJoin(badges, eq(badges.id, badgeIssuances.badgeId))
    .where(inArray(badgeIssuances.id, [...issuanceIds]))
    .orderBy(badgeIssuances.id)
    .for('update', { of: badgeIssuances });
}

/** A new `pending` claim; a second live claim of one issuance fails on the partial unique index. */
export async function insertClaim(
  tx: Tx,
  values: Pick<
    typeof claimIntents.$inferInsert,
    'issuanceId' | 'userId' | 'walletAddress' | 'tokenId' | 'metadataUri'
  >,
): Promise<ClaimRow> {
  return expectRow(await tx.insert(claimIntents).values(values).returning(), 'claim');
}
