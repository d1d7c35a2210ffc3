import type { Base64EncodedWireTransaction, Signature } from '@solana/kit';
import type { Chain } from '../app/create-chain.ts';
import { buildVaultTransfer } from '../chain/build-vault-transfer.ts';
import { prepareTransaction, type PreparedTransaction } from '../chain/prepare-transaction.ts';
import { describeTransactionFailure } from '../chain/describe-transaction-failure.ts';
import type { SendResult } from '../chain/send-result.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import type { ClaimEvent } from './claim-machine.ts';
import { applyClaimEvent, type ClaimEffects, type ClaimRow } from './claim-store.ts';
import { readTokenBalance } from './read-token-balance.ts';

export interface ClaimAdvancerDeps {
  db: Db;
  chain: Chain;
  effects: ClaimEffects;
  /** After every committed change: invalidate the user's cache, wake the outbox and mail loops. */
  onChanged(row: ClaimRow): Promise<void>;
}

/** Whether an earlier transfer of a claim is settled: it arrived, cannot land any more, or may. */
export type PreviousTransfer = 'arrived' | 'clear' | 'pending';

/**
 * Moves approved claims' badges from the vault to the profile wallet. The chain is read before
 * every new transfer is signed: an earlier one must have expired unseen, and the wallet must not
 * already hold more of the token than when the claim was approved. So a crash, a retry or two
 * workers never move a second unit out of the vault (which holds every vaulted user's unit).
 */
export function createClaimTransferAdvancer(deps: ClaimAdvancerDeps) {
  const { db, chain } = deps;
  const rpc = chain.rpc.rpc;

  async function apply(
    row: ClaimRow,
    event: ClaimEvent,
    options: Omit<Parameters<typeof applyClaimEvent>[3], 'effects'> = {},
  ): Promise<ClaimRow> {
    const next = await applyClaimEvent(db, row, event, { effects: deps.effects, ...options });
    await deps.onChanged(next);
    return next;
  }

  const recipientBalance = (row: ClaimRow) => readTokenBalance(rpc, row.walletAddress, row.tokenId);
  const vaultBalance = (row: ClaimRow) => readTokenBalance(rpc, chain.vault.address, row.tokenId);
  const hasArrived = async (row: ClaimRow) =>
    (await recipientBalance(row)) > (row.recipientBalanceBefore ?? 0n);

  /**
   * Settles the last transfer handed out for this claim (sent by us, or prepared for the
   * admin's wallet) before a new one may be signed. With `wait: false` a transfer whose
   * blockhash is still valid is `pending` at once instead of being followed until it settles.
   */
  async function settlePrevious(
    row: ClaimRow,
    options: { wait: boolean; signal?: AbortSignal | undefined },
  ): Promise<PreviousTransfer> {
    if (row.lastValidBlockHeight === null) return 'clear';
    if (!options.wait || !row.transferSignature) {
      // A transfer prepared for the admin's wallet could still be sent by the wallet itself.
      const height = await rpc.getBlockHeight().send();
      if (height <= row.lastValidBlockHeight) return 'pending';
    }
    if (row.transferSignature) {
      const result = await chain.sender.confirm({
        signature: row.transferSignature,
        lastValidBlockHeight: row.lastValidBlockHeight,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      if (result.status === 'confirmed') return 'arrived';
      if (result.status === 'network') return 'pending';
    }
    // Expired or failed; the balance covers a landing the node no longer remembers.
    return (await hasArrived(row)) ? 'arrived' : 'clear';
  }

  /**
   * The transfer for this claim: vault → profile wallet, its token account created if needed,
   * paid for by the platform authority in both modes; in admin_wallet mode it also carries the
   * admin's approval memo, so it lands only once the admin's wallet has signed.
   */
  async function buildTransfer(row: ClaimRow): Promise<PreparedTransaction> {
    const built = await buildVaultTransfer(
      { rpc, computeBudget: chain.rpc.computeBudget },
      {
        mint: row.tokenId,
        vault: chain.vault,
        recipient: row.walletAddress,
        feePayer: chain.authority,
        memo: `claim:${row.id}`,
        ...(row.signingMode === 'admin_wallet' && row.adminWallet ? { approver: row.adminWallet } : {}),
      },
    );
    return prepareTransaction(built.message);
  }

  /** Turns the outcome of sending a transfer into the claim's next state. */
  async function onResult(row: ClaimRow, result: SendResult): Promise<ClaimRow> {
    switch (result.status) {
      case 'network':
        return row;
      case 'confirmed':
        return apply(row, { type: 'confirmed' });
      case 'expired':
      case 'already_exists':
        if (await hasArrived(row)) return apply(row, { type: 'confirmed' });
        if (result.status === 'expired') return apply(row, { type: 'expired' });
        return apply(row, {
          type: 'failed',
          code: 'CHAIN__TRANSACTION_FAILED',
          message: 'an account of the transfer already exists',
        });
      case 'insufficient_sol':
        return apply(row, {
          type: 'deferred',
          code: 'CHAIN__INSUFFICIENT_SOL',
          message: `The platform authority ${chain.authority.address}, which pays the fee, has too little SOL.`,
        });
      case 'failed':
        if (result.error.kind === 'rejected')
          return apply(row, {
            type: 'deferred',
            code: 'CHAIN__TRANSACTION_REJECTED',
            message: describeTransactionFailure(result.error),
          });
        return apply(row, {
          type: 'failed',
          code: 'CHAIN__TRANSACTION_FAILED',
          message: describeTransactionFailure(result.error),
        });
    }
  }

  /** Sends signed transfer bytes, recording them first so a crash re-sends the same bytes. */
  async function sendSigned(
    row: ClaimRow,
    signed: { wire: Base64EncodedWireTransaction; signature: Signature; lastValidBlockHeight: bigint },
    options: { signal?: AbortSignal; actorId?: string | null } = {},
  ): Promise<ClaimRow> {
    const sent = await apply(
      row,
      { type: 'sent', signature: signed.signature },
      {
        actorId: options.actorId ?? null,
        patch: { sentTransaction: signed.wire, lastValidBlockHeight: signed.lastValidBlockHeight },
      },
    );
    const result = await chain.sender.send({
      wire: signed.wire,
      lastValidBlockHeight: signed.lastValidBlockHeight,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return onResult(sent, result);
  }

  /** Server mode: the authority pays, the vault key signs, and the server sends. */
  async function sendFresh(row: ClaimRow, signal?: AbortSignal): Promise<ClaimRow> {
    const previous = await settlePrevious(row, { wait: true, signal });
    if (previous === 'arrived') return apply(row, { type: 'confirmed' });
    if (previous === 'pending') return row;
    if ((await vaultBalance(row)) < 1n)
      return apply(row, {
        type: 'failed',
        code: 'CLAIM__VAULT_EMPTY',
        message: 'The vault holds none of this badge token.',
      });
    const prepared = await buildTransfer(row);
    // The authority pays and signs every transfer, so it has its id before it is sent.
    if (!prepared.signature)
      throw new AppError('INTERNAL', undefined, {
        message: 'The claim transfer lacks the authority signature.',
      });
    return sendSigned(
      row,
      {
        wire: prepared.wire,
        signature: prepared.signature,
        lastValidBlockHeight: prepared.lastValidBlockHeight,
      },
      signal ? { signal } : {},
    );
  }

  /** One step of a claim the server drives; returns the row as it is afterwards. */
  async function advance(row: ClaimRow, signal?: AbortSignal): Promise<ClaimRow> {
    if (row.status === 'transferring') {
      const result = await chain.sender.send({
        wire: row.sentTransaction as Base64EncodedWireTransaction,
        lastValidBlockHeight: row.lastValidBlockHeight ?? 0n,
        ...(signal ? { signal } : {}),
      });
      return onResult(row, result);
    }
    if (row.status === 'approved' && row.signingMode === 'server') return sendFresh(row, signal);
    return row;
  }

  return {
    apply,
    advance,
    sendSigned,
    settlePrevious,
    buildTransfer,
    recipientBalance,
    vaultBalance,
  };
}

export type ClaimTransferAdvancer = ReturnType<typeof createClaimTransferAdvancer>;
