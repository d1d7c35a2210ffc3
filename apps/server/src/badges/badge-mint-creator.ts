import type { ErrorCode } from '@insignia/contract';
import type { Address } from '@solana/kit';
import type { Logger } from 'pino';
import type { Chain } from '../app/create-chain.ts';
import { buildBadgeMint } from '../chain/build-badge-mint.ts';
import { deriveMintSigner } from '../chain/derive-mint-signer.ts';
import { fetchMintInfo, type MintInfo } from '../chain/fetch-mint-info.ts';
import { prepareTransaction } from '../chain/prepare-transaction.ts';
import type { SendResult } from '../chain/send-result.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import { retryDelayMs, type BackoffPolicy } from '../jobs/backoff.ts';
import { retryAtSql } from '../db/database-clock.ts';
import { writeBadgeLog } from './badge-log-store.ts';
import { onChainBadgeName } from './badge-metadata.ts';
import type { BadgeRow } from './badge-queries.ts';
import {
  applyBadgeMintEvent,
  badgeMintQueue,
  deferCreatingBadge,
  updateCreatingBadge,
  type BadgePatch,
} from './badge-mint-store.ts';
import { describeSendFailure } from './describe-send-failure.ts';
import { transactionId } from './transaction-id.ts';

/** HKDF purpose of badge mint keys: `deriveMintSigner(secret, BADGE_MINT_PURPOSE, badgeId)`. */
export const BADGE_MINT_PURPOSE = 'badge-mint';
const RETRY: BackoffPolicy = { baseMs: 2_000, maxMs: 5 * 60_000, maxAttempts: Number.POSITIVE_INFINITY };
const LEASE_MS = 120_000;

/** The mint address of a badge: derived from the server secret and the badge id, before any chain call. */
export async function badgeMintAddress(
  chain: Pick<Chain, 'mintKeySecret'>,
  badgeId: string,
): Promise<Address> {
  return (await deriveMintSigner(chain.mintKeySecret, BADGE_MINT_PURPOSE, badgeId)).address;
}

/**
 * Drives a blockchain badge from `creating` to `active`: creates its Token-2022 mint (metadata
 * pointing at the badge JSON on IPFS) under a key derived from the badge id. The chain is read
 * first on every step, so a mint that already exists (a crash after sending) simply activates
 * the badge; the signed transaction is stored before it is sent and re-sent as-is until it
 * lands or expires. A second mint for one badge cannot happen: its address is fixed.
 */
export function createBadgeMintCreator(deps: { db: Db; chain: Chain; logger: Logger }) {
  const { db, chain } = deps;

  async function update(row: BadgeRow, patch: BadgePatch): Promise<BadgeRow> {
    return (await updateCreatingBadge(db, row.id, patch)) ?? row;
  }

  async function activate(row: BadgeRow, info: MintInfo): Promise<BadgeRow> {
    return db.transaction(async (tx) => {
      const next = await applyBadgeMintEvent(
        tx,
        row,
        { type: 'mint_found' },
        {
          mintTransaction: null,
          nextAttemptAt: null,
          leaseOwner: null,
          leaseExpiresAt: null,
          // As the chain has it: a mint created before PermanentDelegate existed has none.
          permanentDelegate: info.permanentDelegate,
        },
      );
      if (!next) return row;
      await writeBadgeLog(tx, {
        actionType: 'badge.mint_created',
        entityType: 'badge',
        badgeId: row.id,
        blockchainTxSignature: row.mintSignature,
        newValue: { mintAddress: row.mintAddress, metadataUri: row.metadataUri },
      });
      return next;
    });
  }

  async function fail(row: BadgeRow, code: ErrorCode, message: string): Promise<BadgeRow> {
    return db.transaction(async (tx) => {
      const attempts = row.attempts + 1;
      const next = await applyBadgeMintEvent(
        tx,
        row,
        { type: 'mint_failed', message },
        {
          mintTransaction: null,
          mintLastValidBlockHeight: null,
          nextAttemptAt: retryAtSql(retryDelayMs(attempts, RETRY)),
        },
      );
      const final = next?.status === 'failed';
      await writeBadgeLog(tx, {
        actionType: final ? 'badge.mint_failed' : 'badge.mint_attempt_failed',
        entityType: 'badge',
        badgeId: row.id,
        blockchainTxSignature: row.mintSignature,
        status: 'error',
        errorMessage: `${code}: ${message}`,
        newValue: { attempts },
      });
      return next ?? row;
    });
  }

  async function onResult(row: BadgeRow, mint: Address, result: SendResult): Promise<BadgeRow> {
    switch (result.status) {
      case 'confirmed':
      case 'already_exists': {
        const info = await fetchMintInfo(chain.rpc.rpc, mint);
        if (info) return activate(row, info);
        return fail(row, 'BADGE__MINT_MISSING', `the mint is absent on chain after ${result.status}`);
      }
      case 'network':
        return row;
      case 'expired':
        // It never landed (the sender searched the history): a fresh blockhash next time.
        return update(row, { mintTransaction: null, mintLastValidBlockHeight: null });
      default: {
        const { code, message } = describeSendFailure(result);
        deps.logger.warn({ badgeId: row.id, code, message }, 'badge mint creation failed');
        return fail(row, code, message);
      }
    }
  }

  /** One step for a badge in `creating`; returns the row as it is afterwards. */
  async function advance(row: BadgeRow, signal?: AbortSignal): Promise<BadgeRow> {
    if (row.status !== 'creating' || !row.mintAddress || !row.metadataUri) return row;
    const info = await fetchMintInfo(chain.rpc.rpc, row.mintAddress);
    if (info) return activate(row, info);
    if (row.mintTransaction && row.mintLastValidBlockHeight !== null) {
      const resent = await chain.sender.send({
        wire: row.mintTransaction,
        lastValidBlockHeight: row.mintLastValidBlockHeight,
        ...(signal ? { signal } : {}),
      });
      return onResult(row, row.mintAddress, resent);
    }
    const mint = await deriveMintSigner(chain.mintKeySecret, BADGE_MINT_PURPOSE, row.id);
    if (mint.address !== row.mintAddress)
      throw new AppError('INTERNAL', undefined, {
        message: `badge ${row.id}: derived mint differs from the row`,
      });
    const built = await buildBadgeMint(
      { rpc: chain.rpc.rpc, computeBudget: chain.rpc.computeBudget },
      {
        mint,
        authority: chain.authority,
        name: onChainBadgeName(row.name),
        symbol: row.symbol,
        uri: row.metadataUri,
        // Lets a revocation burn the badge from the holder's wallet (revocation/).
        permanentDelegate: chain.authority.address,
      },
    );
    const prepared = await prepareTransaction(built.message);
    // Recorded before sending: after a crash these bytes are re-sent, never a new transaction.
    const sent = await update(row, {
      mintTransaction: prepared.wire,
      mintSignature: transactionId(prepared),
      mintLastValidBlockHeight: prepared.lastValidBlockHeight,
    });
    const result = await chain.sender.send({
      wire: prepared.wire,
      lastValidBlockHeight: prepared.lastValidBlockHeight,
      costLamports: built.costLamports,
      ...(signal ? { signal } : {}),
    });
    return onResult(sent, row.mintAddress, result);
  }

  /** Takes the lease on one badge if nobody else holds it (the create request, before the worker). */
  async function tryLease(id: string, owner: string, leaseMs: number): Promise<BadgeRow | undefined> {
    const [row] = await badgeMintQueue.tryLease(db, { ids: [id], owner, leaseMs });
    return row;
  }

  async function release(id: string, owner: string, retryInMs?: number): Promise<void> {
    await badgeMintQueue.release(db, { ids: [id], owner, retryInMs });
  }

  /** One worker pass over badges whose mint is not created yet. */
  async function processDue(owner: string): Promise<number> {
    const rows = await badgeMintQueue.leaseDue(db, { owner, limit: 5, leaseMs: LEASE_MS });
    for (const row of rows) {
      let retryInMs: number | undefined;
      try {
        const after = await advance(row);
        // Still creating (no RPC answered, or a fresh blockhash is needed): not in a tight loop.
        if (after.status === 'creating') await deferCreatingBadge(db, row.id);
      } catch (err) {
        deps.logger.error({ err, badgeId: row.id }, 'badge mint step failed; will retry');
        retryInMs = retryDelayMs(row.attempts + 1, RETRY);
      } finally {
        await release(row.id, owner, retryInMs);
      }
    }
    return rows.length;
  }

  return { advance, tryLease, release, processDue };
}

export type BadgeMintCreator = ReturnType<typeof createBadgeMintCreator>;
