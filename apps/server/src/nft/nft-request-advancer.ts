import type { Base64EncodedWireTransaction } from '@solana/kit';
import type { Level } from '@insignia/contract';
import type { Logger } from 'pino';
import type { Chain } from '../app/create-chain.ts';
import { fetchLevelNftState } from '../chain/fetch-level-nft-state.ts';
import { prepareTransaction } from '../chain/prepare-transaction.ts';
import { describeTransactionFailure } from '../chain/describe-transaction-failure.ts';
import type { SendResult } from '../chain/send-result.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import { crashPoint } from '../jobs/crash-point.ts';
import { buildRequestTransaction } from './build-request-transaction.ts';
import { findLandedTransaction } from './find-landed-transaction.ts';
import type { NftRequestEvent } from './nft-request-machine.ts';
import { toNftRequestState } from './nft-request-state.ts';
import { nftEffects, nftOutboxEvents } from './nft-request-effects.ts';
import { applyNftEvent, type NftRequestRow } from './nft-request-store.ts';
import {
  checkUserTransaction,
  oldNftGone,
  SUBMITTED_TRANSACTION_MISMATCH,
} from './verify-user-transaction.ts';

export interface NftAdvancerDeps {
  db: Db;
  chain: Chain;
  logger: Logger;
  /** The level being minted and its metadata URI (uploaded to IPFS on demand). */
  levelFor(level: number): Promise<{ level: Level; metadataUri: string }>;
  nonTransferable: boolean;
  /** After every committed change: invalidate the user's cache, nudge the event relay. */
  onChanged(row: NftRequestRow): Promise<void>;
}

/**
 * Turns chain outcomes into state-machine events, and drives the steps no user is needed for.
 * The chain is read before every decision, so a step repeated after a crash finds the work
 * already done instead of doing it twice.
 */
export function createNftRequestAdvancer(deps: NftAdvancerDeps) {
  const { db, chain, logger } = deps;

  async function apply(
    row: NftRequestRow,
    event: NftRequestEvent,
    options: Parameters<typeof applyNftEvent>[3] = {},
  ) {
    const next = await applyNftEvent(db, row, event, {
      effects: nftEffects,
      outbox: nftOutboxEvents,
      ...options,
    });
    await deps.onChanged(next);
    return next;
  }

  const targetHeld = async (row: NftRequestRow) =>
    (
      await fetchLevelNftState(chain.rpc.rpc, {
        mint: row.targetMint,
        owner: row.walletAddress,
        authority: chain.authority.address,
      })
    ).state;

  /**
   * Sends a request back to its user (expired, refused) only after the chain is read: if its
   * transaction landed after all, the request is recorded as done instead. A failed write after
   * the landing must never leave a request that a later unlock could mint around.
   */
  async function backToUser(
    row: NftRequestRow,
    event: NftRequestEvent,
    options?: Parameters<typeof apply>[2],
  ): Promise<NftRequestRow> {
    if (await findLandedTransaction(chain, row)) return apply(row, { type: 'confirmed' });
    return apply(row, event, options);
  }

  /**
   * A request still waiting for its user whose transaction the chain already shows (the write
   * recording it failed, or the wallet sent it and the submit never arrived) is recorded as
   * landed; anything else is left as it is. Null when nothing landed.
   */
  async function recordLandedIfAny(row: NftRequestRow): Promise<NftRequestRow | null> {
    const waiting = row.status === 'awaiting_signature' || row.status === 'awaiting_burn_signature';
    // Never prepared: nothing of it can be on chain.
    if (!waiting || !row.preparedTransaction) return null;
    const landed = await findLandedTransaction(chain, row);
    if (!landed) return null;
    logger.warn(
      { requestId: row.id, userId: row.userId, signature: landed.signature },
      'nft request found landed on chain while it waited for its user; recorded',
    );
    return apply(row, { type: 'landed_found', signature: landed.signature });
  }

  /**
   * The user's own transaction (unlock, atomic upgrade, or the burn of a two-step upgrade).
   * The client only named it: what it did is read from the chain before anything counts.
   */
  async function onUserTransaction(row: NftRequestRow, result: SendResult): Promise<NftRequestRow> {
    const check = await checkUserTransaction(chain, row, result);
    if (check.kind === 'unknown') return row; // not visible yet: the worker asks again
    if (check.kind === 'not_prepared')
      return backToUser(row, {
        type: 'rejected',
        code: SUBMITTED_TRANSACTION_MISMATCH,
        message: check.reason,
      });
    switch (result.status) {
      case 'confirmed':
      case 'already_exists': {
        if (row.kind === 'unlock' || row.mode === 'atomic') {
          const state = await targetHeld(row);
          if (state !== 'held')
            return apply(row, {
              type: 'failed',
              code: 'NFT__MINT_NOT_HELD',
              message: `the new mint is ${state} on chain`,
            });
        }
        return apply(row, { type: 'confirmed' });
      }
      case 'expired':
        return backToUser(row, { type: 'expired' });
      case 'insufficient_sol':
        return backToUser(
          row,
          { type: 'rejected', code: 'CHAIN__INSUFFICIENT_SOL', message: 'The wallet has too little SOL.' },
          {
            detail: { needLamports: result.needLamports?.toString() },
          },
        );
      case 'failed':
        if (result.error.kind === 'rejected')
          return backToUser(row, {
            type: 'rejected',
            code: 'CHAIN__TRANSACTION_REJECTED',
            message: describeTransactionFailure(result.error),
          });
        return apply(row, {
          type: 'failed',
          code: 'CHAIN__TRANSACTION_FAILED',
          message: describeTransactionFailure(result.error),
        });
      case 'network':
        return row;
    }
  }

  /** The server's mint after a confirmed burn (two-step upgrade). */
  async function onServerMint(row: NftRequestRow, result: SendResult): Promise<NftRequestRow> {
    if (result.status === 'network') return row;
    if (result.status === 'expired') return apply(row, { type: 'expired' });
    if (
      (result.status === 'confirmed' || result.status === 'already_exists') &&
      (await targetHeld(row)) === 'held'
    ) {
      return apply(row, { type: 'mint_confirmed' });
    }
    const message =
      result.status === 'failed'
        ? describeTransactionFailure(result.error)
        : result.status === 'insufficient_sol'
          ? 'the platform authority has too little SOL'
          : `mint not held after ${result.status}`;
    logger.error(
      { requestId: row.id, userId: row.userId, critical: true, result: result.status },
      `CRITICAL: NFT burned but the new mint failed: ${message}`,
    );
    return apply(row, {
      type: 'mint_failed',
      code: result.status === 'insufficient_sol' ? 'CHAIN__INSUFFICIENT_SOL' : 'CHAIN__TRANSACTION_FAILED',
      message,
    });
  }

  async function mintAfterBurn(row: NftRequestRow): Promise<NftRequestRow> {
    const state = await targetHeld(row);
    if (state === 'held') return apply(row, { type: 'mint_confirmed' });
    if (state !== 'absent') {
      return apply(row, {
        type: 'mint_failed',
        code: 'NFT__TARGET_MINT_CONFLICT',
        message: `the target mint is ${state} on chain`,
      });
    }
    // Never a second NFT beside the first: the burn must show on chain before the server mints.
    if (!(await oldNftGone(chain, row))) {
      logger.error(
        { requestId: row.id, userId: row.userId, critical: true },
        'CRITICAL: upgrade burn counted but the old NFT is still on chain; nothing minted',
      );
      return apply(row, {
        type: 'burn_not_seen',
        code: 'NFT__BURN_NOT_ON_CHAIN',
        message: 'the old NFT is still on chain',
      });
    }
    const { level, metadataUri } = await deps.levelFor(row.toLevel);
    const built = await buildRequestTransaction(chain, row, level, metadataUri, {
      nonTransferable: deps.nonTransferable,
      serverMint: true,
    });
    const prepared = await prepareTransaction(built.message);
    // The authority pays and signs the server's mint, so it has its id before it is sent.
    if (!prepared.signature)
      throw new AppError('INTERNAL', undefined, {
        message: 'The server mint lacks the authority signature.',
      });
    // Recorded before sending: after a crash the same bytes are re-sent, never a second mint.
    const sent = await apply(
      row,
      { type: 'mint_sent', signature: prepared.signature },
      {
        patch: { sentTransaction: prepared.wire, lastValidBlockHeight: prepared.lastValidBlockHeight },
      },
    );
    const result = await chain.sender.send({
      wire: prepared.wire,
      lastValidBlockHeight: prepared.lastValidBlockHeight,
      ...(built.costLamports ? { costLamports: built.costLamports } : {}),
    });
    crashPoint('nft.send.mint.after', row.userId); // test-only, see crash-point.ts
    return onServerMint(sent, result);
  }

  /** One step of a request in a worker status; returns the row as it is afterwards. */
  async function advance(row: NftRequestRow): Promise<NftRequestRow> {
    const lastValidBlockHeight = row.lastValidBlockHeight ?? 0n;
    const state = toNftRequestState(row);
    switch (state.status) {
      case 'submitted':
      case 'burn_submitted': {
        const signature = state.status === 'submitted' ? state.mintSignature : state.burnSignature;
        const result = row.sentTransaction
          ? await chain.sender.send({
              wire: row.sentTransaction as Base64EncodedWireTransaction,
              lastValidBlockHeight,
            })
          : await chain.sender.confirm({ signature, lastValidBlockHeight });
        return onUserTransaction(row, result);
      }
      case 'burn_confirmed':
        return mintAfterBurn(row);
      case 'mint_submitted':
        return onServerMint(
          row,
          await chain.sender.send({
            wire: row.sentTransaction as Base64EncodedWireTransaction,
            lastValidBlockHeight,
          }),
        );
      default:
        return row;
    }
  }

  return { advance, onUserTransaction, apply, recordLandedIfAny };
}

export type NftRequestAdvancer = ReturnType<typeof createNftRequestAdvancer>;
