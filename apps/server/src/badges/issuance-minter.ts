import type { Address } from '@solana/kit';
import type { Logger } from 'pino';
import type { Chain } from '../app/create-chain.ts';
import { prepareTransaction } from '../chain/prepare-transaction.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import { retryDelayMs, type BackoffPolicy } from '../jobs/backoff.ts';
import type { Mailer } from '../mail/mailer.ts';
import { writeBadgeLogs } from './badge-log-store.ts';
import { inParallel } from './in-parallel.ts';
import { recordDelivered, refreshBatch } from './issuance-effects.ts';
import {
  applyIssuanceEvent,
  leaseSentTransactions,
  hasPendingUploads,
  leaseServerMints,
  loadBadgeInfo,
  releaseIssuances,
  releaseTransaction,
  type IssuanceRow,
  type IssuanceTransactionRow,
} from './issuance-store.ts';
import { insertIssuanceTransactions } from './issuance-transaction-store.ts';
import { issuanceMintItem, packIssuanceTransactions } from './pack-issuance-transactions.ts';
import { transactionId } from './transaction-id.ts';
import { readTokenBalances } from './read-token-balances.ts';
import {
  createSettlementQueue,
  settleIssuanceTransactions,
  type TransactionOutcome,
} from './settle-issuance-transaction.ts';
import { lookUpTransaction, outcomeOf } from './transaction-outcome.ts';
import { validUntilSql } from './issuance-validity-queries.ts';

const LEASE_MS = 120_000;
/**
 * Issuances packed per worker pass (about 130 transactions), and transactions in flight at once:
 * a pass waits for its transactions' confirmations, so the more it carries, the fewer waits.
 */
const MINTS_PER_PASS = 1_000;
const SENDS_IN_FLIGHT = 128;
const FOLLOW_RETRY: BackoffPolicy = { baseMs: 2_000, maxMs: 60_000, maxAttempts: Number.POSITIVE_INFINITY };

/**
 * Mints uploaded issuances of server-signed batches: re-reads the chain (a wallet already
 * holding the badge is not minted to again), packs many recipients per transaction, stores
 * each signed transaction and marks its issuances `minting` BEFORE sending, then sends and
 * settles. Also follows transactions whose sender died: their recorded signature is looked up
 * on chain first, and only then are the same bytes sent again (identical bytes land at most
 * once; after expiry the issuances are packed afresh).
 */
export function createIssuanceMinter(deps: {
  db: Db;
  chain: Chain;
  mailer: Pick<Mailer, 'enqueueMany'>;
  logger: Logger;
  /** After any settlement: nudge the outbox relay (live progress) and the mail worker. */
  onSettled?: () => void;
}) {
  const { db, chain, logger } = deps;

  const enqueueSettlement = createSettlementQueue((items) => settleIssuanceTransactions(deps, items));

  async function settle(row: IssuanceTransactionRow, outcome: TransactionOutcome, actorId?: string) {
    const settled = await enqueueSettlement({ transaction: row, outcome, actorId: actorId ?? null });
    deps.onSettled?.();
    return settled;
  }

  const lookUp = (row: IssuanceTransactionRow) => lookUpTransaction(chain.rpc.rpc, row.signature);

  /**
   * Drives one sent transaction to its end: looks it up on chain first, else (re-)sends the
   * stored bytes and waits. Network trouble leaves it `sent` for a later pass.
   */
  async function follow(
    row: IssuanceTransactionRow,
    owner: string,
    options: { signal?: AbortSignal; actorId?: string; neverSent?: boolean } = {},
  ) {
    const { signal, actorId } = options;
    try {
      // Just recorded and never sent: nothing to look up yet.
      const found = options.neverSent ? undefined : await lookUp(row);
      const outcome =
        found ??
        outcomeOf(
          await chain.sender.send({
            wire: row.wire,
            lastValidBlockHeight: row.lastValidBlockHeight,
            ...(signal ? { signal } : {}),
          }),
        );
      if (outcome) return await settle(row, outcome, actorId);
      await releaseTransaction(db, row.id, owner, retryDelayMs(row.attempts, FOLLOW_RETRY));
    } catch (err) {
      if (signal?.aborted) return row;
      logger.warn({ err, transactionId: row.id }, 'issuance transaction follow-up failed; will retry');
      await releaseTransaction(db, row.id, owner, retryDelayMs(row.attempts + 1, FOLLOW_RETRY));
    }
    return row;
  }

  /** Wallets already holding the badge get it marked issued, not minted again. */
  async function skipHeld(batchId: string, rows: IssuanceRow[], mintOf: (r: IssuanceRow) => Address | null) {
    const wallets = rows.flatMap((row) => {
      const mint = mintOf(row);
      return row.destination === 'wallet' && row.walletAddress && mint
        ? [{ row, owner: row.walletAddress, mint }]
        : [];
    });
    if (wallets.length === 0) return rows;
    const balances = await readTokenBalances(chain.rpc.rpc, wallets);
    const held = new Set(
      wallets.filter((w) => (balances.get(`${w.owner}:${w.mint}`) ?? 0n) > 0n).map((w) => w.row.id),
    );
    if (held.size === 0) return rows;
    const heldRows = rows.filter((r) => held.has(r.id));
    const issuedAt = new Date();
    const validUntil = validUntilSql(issuedAt);
    await db.transaction(async (tx) => {
      const issued = await applyIssuanceEvent(tx, heldRows, { type: 'already_held' }, () => ({
        issuedAt,
        validUntil,
        leaseOwner: null,
        leaseExpiresAt: null,
      }));
      await recordDelivered(tx, deps.mailer, issued, { action: 'issuance.already_held' });
      await refreshBatch(tx, batchId);
    });
    return rows.filter((r) => !held.has(r.id));
  }

  /**
   * Packs, records and sends one batch's leased issuances. With `more` (the pass was full), the
   * last, partly filled transaction is left for the next pass to fill.
   */
  async function mintBatch(
    owner: string,
    batchId: string,
    leased: IssuanceRow[],
    more: boolean,
  ): Promise<void> {
    const badgeInfo = await loadBadgeInfo(
      db,
      leased.map((r) => r.badgeId),
    );
    const mintOf = (r: IssuanceRow) => badgeInfo.get(r.badgeId)?.mintAddress ?? null;
    const rows = await skipHeld(batchId, leased, mintOf);
    if (rows.length === 0) return;
    const { value: lifetime } = await chain.rpc.rpc.getLatestBlockhash().send();
    const packed = await packIssuanceTransactions({
      authority: chain.authority,
      items: rows.map((r) => issuanceMintItem(r, mintOf(r), chain.vault.address)),
      lifetime,
      computeBudget: chain.rpc.computeBudget,
    });
    if (more && packed.length > 1) packed.pop();
    const prepared = await Promise.all(
      packed.map(async (batch) => ({ batch, p: await prepareTransaction(batch.message) })),
    );
    // Recorded before anything is sent: a crash from here on resumes from these rows. One
    // statement for the transactions, one for their issuances, one for the audit entries.
    const recorded = await db.transaction(async (tx) => {
      const rows = await insertIssuanceTransactions(
        tx,
        prepared.map(({ batch, p }) => ({
          batchId,
          signingMode: 'server' as const,
          signature: transactionId(p),
          feePayer: chain.authority.address,
          wire: p.wire,
          lastValidBlockHeight: p.lastValidBlockHeight,
          itemCount: batch.items.length,
        })),
        { owner, leaseMs: LEASE_MS },
      );
      const packedIn = new Map(
        rows.flatMap((row, i) => (prepared[i]?.batch.items ?? []).map((item) => [item.row.id, row] as const)),
      );
      const transactionOf = (r: IssuanceRow) => {
        const row = packedIn.get(r.id);
        if (!row) throw new AppError('INTERNAL', undefined, { message: `Issuance ${r.id} was not packed.` });
        return row;
      };
      await applyIssuanceEvent(
        tx,
        prepared.flatMap(({ batch }) => batch.items.map((item) => item.row)),
        { type: 'packed' },
        (r) => ({ transactionId: transactionOf(r).id, leaseOwner: null, leaseExpiresAt: null }),
      );
      await writeBadgeLogs(
        tx,
        prepared.flatMap(({ batch }) =>
          batch.items.map(({ row: r }) => {
            const sent = transactionOf(r);
            return {
              actionType: 'issuance.mint_sent',
              entityType: 'issuance',
              badgeId: r.badgeId,
              issuanceId: r.id,
              userId: r.userId,
              blockchainTxSignature: sent.signature,
              walletAddress: r.walletAddress,
              newValue: { transactionId: sent.id, recipients: batch.items.length },
            };
          }),
        ),
      );
      await refreshBatch(tx, batchId);
      return rows;
    });
    await inParallel(recorded, SENDS_IN_FLIGHT, async (row) => {
      await follow(row, owner, { neverSent: true });
    });
  }

  return {
    follow,
    settle,
    lookUp,
    /** One pass of the mint phase; returns how many issuances it took. */
    async mintDue(owner: string): Promise<number> {
      const leased = await leaseServerMints(db, owner, MINTS_PER_PASS, LEASE_MS);
      const byBatch = new Map<string, IssuanceRow[]>();
      // The queue only leases issuances of server-signed batches. Appended in place: copying
      // the list for every row was quadratic in the pass's size.
      for (const r of leased) {
        if (r.batchId === null) continue;
        const rows = byBatch.get(r.batchId);
        if (rows) rows.push(r);
        else byBatch.set(r.batchId, [r]);
      }
      const full = leased.length === MINTS_PER_PASS;
      for (const [batchId, rows] of byBatch) {
        try {
          // More of this batch is on its way (a full pass, or payloads still uploading).
          const more = full || (await hasPendingUploads(db, batchId));
          await mintBatch(owner, batchId, rows, more);
        } catch (err) {
          logger.error({ err, batchId }, 'badge mint pass failed; will retry');
        } finally {
          // Rows packed into a transaction no longer carry the lease; the rest go back.
          await releaseIssuances(
            db,
            rows.map((r) => r.id),
            owner,
          );
        }
      }
      return leased.length;
    },
    /** Sent transactions whose sender is gone: look them up, re-send, settle. */
    async recoverDue(owner: string): Promise<number> {
      const rows = await leaseSentTransactions(db, owner, 50, LEASE_MS);
      await inParallel(rows, SENDS_IN_FLIGHT, async (row) => {
        await follow(row, owner);
      });
      return rows.length;
    },
  };
}

export type IssuanceMinter = ReturnType<typeof createIssuanceMinter>;
