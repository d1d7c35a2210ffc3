import type { Address, Signature } from '@solana/kit';
import { AppError, isAppError } from '../errors/app-error.ts';
import type { Chain } from '../app/create-chain.ts';
import { fetchLevelNftState } from '../chain/fetch-level-nft-state.ts';
import { findTokenAccount } from '../chain/find-token-account.ts';
import type { SendResult } from '../chain/send-result.ts';
import { judgeUserTransaction, type ExpectedEffects } from './judge-user-transaction.ts';
import type { NftRequestRow } from './nft-request-store.ts';
import { readLandedTransaction } from './read-landed-transaction.ts';

/** The NFT an upgrade burns; an upgrade row without one is a bug, not the user's doing. */
export function upgradedMint(row: Pick<NftRequestRow, 'id' | 'fromMint'>): Address {
  if (row.fromMint === null)
    throw new AppError('INTERNAL', undefined, { message: `Upgrade request ${row.id} has no old mint.` });
  return row.fromMint;
}

/** What the user's transaction of a request does: unlock mints, atomic burns and mints, two-step burns. */
export async function expectedEffects(row: NftRequestRow): Promise<ExpectedEffects> {
  const owner = row.walletAddress;
  const move = async (mint: Address) => ({
    mint,
    tokenAccount: await findTokenAccount(owner, mint),
  });
  return {
    owner,
    burns: row.kind === 'upgrade' && row.fromMint ? await move(row.fromMint) : undefined,
    mints: row.kind === 'unlock' || row.mode === 'atomic' ? await move(row.targetMint) : undefined,
  };
}

/** The code a request carries back to its user when the transaction they named is not its own. */
export const SUBMITTED_TRANSACTION_MISMATCH = 'CHAIN__SIGNED_TRANSACTION_MISMATCH';

export type UserTransactionCheck =
  /** The outcome may be acted on as it is. */
  | Readonly<{ kind: 'counts' }>
  /** The node does not have the transaction yet: decide later. */
  | Readonly<{ kind: 'unknown' }>
  /** Not the request's transaction: nothing counts, the user signs the real one. */
  | Readonly<{ kind: 'not_prepared'; reason: string }>;

/** The landed transaction, or null when the node lacks it or no endpoint answers (ask later). */
async function readLanded(chain: Chain, signature: Signature) {
  try {
    return await readLandedTransaction(chain.rpc.rpc, signature);
  } catch (e) {
    if (isAppError(e, 'CHAIN__RPC_UNAVAILABLE')) return null;
    throw e;
  }
}

async function judgeOnChain(chain: Chain, row: NftRequestRow, signature: Signature) {
  const landed = await readLanded(chain, signature);
  return landed ? judgeUserTransaction(landed, await expectedEffects(row)) : 'unknown';
}

/** A two-step burn counts once the old mint holds nothing any more: emptied, or closed. */
export async function oldNftGone(chain: Chain, row: NftRequestRow): Promise<boolean> {
  const { state } = await fetchLevelNftState(chain.rpc.rpc, {
    mint: upgradedMint(row),
    owner: row.walletAddress,
    authority: chain.authority.address,
  });
  return state === 'absent' || state === 'burned';
}

const counts: UserTransactionCheck = { kind: 'counts' };
const notPrepared = (reason: string): UserTransactionCheck => ({ kind: 'not_prepared', reason });

/**
 * Before the outcome of a user's transaction counts, the chain must show it is the request's own.
 * Signed bytes were compared with the prepared ones on arrival, but a bare signature (the wallet
 * sent it) can name any transaction at all: a confirmed one must have done what was prepared, a
 * failed one at least name the request's mints. Either way a two-step burn counts only once the
 * old mint is empty or closed.
 */
export async function checkUserTransaction(
  chain: Chain,
  row: NftRequestRow,
  result: SendResult,
): Promise<UserTransactionCheck> {
  const named = row.sentTransaction === null;
  switch (result.status) {
    case 'confirmed': {
      // Our own bytes need no second look at what they did; the chain's state is still read.
      if (named) {
        const verdict = await judgeOnChain(chain, row, result.signature);
        if (verdict === 'unknown') return { kind: 'unknown' };
        if (verdict !== 'does_it')
          return notPrepared(`the confirmed transaction does not do what the request prepared (${verdict})`);
      }
      if (row.mode === 'two_step' && !(await oldNftGone(chain, row)))
        return notPrepared('the old NFT is still on chain');
      return counts;
    }
    case 'already_exists':
      // A burn creates no account; only a mint can collide with an earlier landing of itself.
      if (row.mode === 'two_step') return notPrepared('a burn cannot collide with an existing account');
      break;
    case 'failed':
      if (result.error.kind === 'rejected') return counts; // never landed: back to the user anyway
      break;
    default:
      return counts;
  }
  if (!named) return counts;
  const verdict = await judgeOnChain(chain, row, result.signature);
  if (verdict === 'unknown') return { kind: 'unknown' };
  return verdict === 'unrelated' ? notPrepared('the transaction does not name the request’s mints') : counts;
}

/**
 * A bare signature whose transaction already landed is judged before anything is recorded for
 * it, so naming someone else's transaction changes nothing. One not landed yet is followed as
 * usual and judged by {@link checkUserTransaction} when it lands.
 */
export async function precheckNamedSignature(
  chain: Chain,
  row: NftRequestRow,
  signature: Signature,
): Promise<UserTransactionCheck> {
  const landed = await readLanded(chain, signature);
  if (!landed) return { kind: 'unknown' };
  const verdict = judgeUserTransaction(landed, await expectedEffects(row));
  if (verdict === 'unrelated') return notPrepared('the transaction does not name the request’s mints');
  if (verdict === 'attempted_it' && landed.err === null)
    return notPrepared('the confirmed transaction does not do what the request prepared (attempted_it)');
  return counts;
}
