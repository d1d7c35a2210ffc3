import { getBase58Encoder, type GetTransactionApi, type Rpc, type Signature } from '@solana/kit';
import type { LandedTokenBalance, LandedTransaction } from './judge-user-transaction.ts';

const base58 = getBase58Encoder();

type RawBalance = Readonly<{
  accountIndex: number;
  mint: string;
  owner?: string;
  uiTokenAmount: Readonly<{ amount: string }>;
}>;

const toBalances = (list: readonly RawBalance[] | null | undefined): LandedTokenBalance[] =>
  (list ?? []).map((b) => ({
    accountIndex: b.accountIndex,
    mint: b.mint,
    owner: b.owner,
    amount: b.uiTokenAmount.amount,
  }));

/**
 * The transaction behind `signature` as the chain recorded it, or null when the node does not
 * have it (not landed, or not yet visible at `confirmed`): the caller asks again later.
 */
export async function readLandedTransaction(
  rpc: Rpc<GetTransactionApi>,
  signature: Signature,
  abortSignal?: AbortSignal,
): Promise<LandedTransaction | null> {
  const tx = await rpc
    .getTransaction(signature, {
      encoding: 'json',
      maxSupportedTransactionVersion: 0,
      commitment: 'confirmed',
    })
    .send(abortSignal ? { abortSignal } : {});
  if (!tx?.meta) return null;
  const { message } = tx.transaction;
  const loaded = 'loadedAddresses' in tx.meta ? tx.meta.loadedAddresses : undefined;
  return {
    err: tx.meta.err,
    accountKeys: [...message.accountKeys, ...(loaded?.writable ?? []), ...(loaded?.readonly ?? [])],
    instructions: message.instructions.map((ix) => ({
      programIdIndex: ix.programIdIndex,
      accounts: ix.accounts,
      data: new Uint8Array(base58.encode(ix.data)),
    })),
    preTokenBalances: toBalances(tx.meta.preTokenBalances),
    postTokenBalances: toBalances(tx.meta.postTokenBalances),
  };
}
