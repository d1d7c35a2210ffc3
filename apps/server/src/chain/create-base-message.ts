import {
  appendTransactionMessageInstructions,
  createTransactionMessage,
  pipe,
  setTransactionMessageComputeUnitLimit,
  setTransactionMessageComputeUnitPrice,
  setTransactionMessageFeePayerSigner,
  setTransactionMessageLifetimeUsingBlockhash,
  type Blockhash,
  type GetLatestBlockhashApi,
  type GetMinimumBalanceForRentExemptionApi,
  type Instruction,
  type Rpc,
  type TransactionSigner,
} from '@solana/kit';
import { createPromiseMemo, type PromiseMemo } from '../cache/promise-memo.ts';

/** A recent blockhash and the last block height at which a transaction using it can land. */
export type BlockhashLifetime = Readonly<{ blockhash: Blockhash; lastValidBlockHeight: bigint }>;

/** Optional priority fee (micro-lamports per CU) and compute-unit limit added to every transaction. */
export type ComputeBudget = Readonly<{ unitPriceMicroLamports?: bigint; unitLimit?: number }>;

/** What every transaction builder needs: the RPC methods it calls and the compute-budget setting. */
export type BuildContext = Readonly<{
  rpc: Rpc<GetLatestBlockhashApi & GetMinimumBalanceForRentExemptionApi>;
  computeBudget?: ComputeBudget;
  /** Reuse one blockhash across several builds (batches); fetched when absent. */
  lifetime?: BlockhashLifetime;
}>;

/** Returns the context's lifetime or fetches a fresh blockhash. */
export async function resolveLifetime(ctx: BuildContext): Promise<BlockhashLifetime> {
  if (ctx.lifetime) return ctx.lifetime;
  const { value } = await ctx.rpc.getLatestBlockhash().send();
  return { blockhash: value.blockhash, lastValidBlockHeight: value.lastValidBlockHeight };
}

/** Rent per size is fixed for a cluster, so each size is asked once per RPC client. */
const rentBySize = new WeakMap<object, PromiseMemo<number, bigint>>();
/** Badge names vary a mint's size; this bounds the sizes kept per client. */
const RENT_SIZES_KEPT = 1_024;

/** Rent-exempt minimum for an account of `size` bytes. A failed lookup is not remembered. */
export function fetchRent(ctx: BuildContext, size: number): Promise<bigint> {
  let sizes = rentBySize.get(ctx.rpc);
  if (!sizes) rentBySize.set(ctx.rpc, (sizes = createPromiseMemo(RENT_SIZES_KEPT)));
  return sizes(size, () => ctx.rpc.getMinimumBalanceForRentExemption(BigInt(size)).send());
}

/**
 * A v0 transaction message with fee payer, blockhash lifetime, the given instructions and the
 * configured compute-budget instructions. Every builder goes through here.
 */
export function createBaseMessage(
  feePayer: TransactionSigner,
  lifetime: BlockhashLifetime,
  instructions: readonly Instruction[],
  computeBudget: ComputeBudget = {},
) {
  return pipe(
    createTransactionMessage({ version: 0 }),
    (m) => setTransactionMessageFeePayerSigner(feePayer, m),
    (m) => setTransactionMessageLifetimeUsingBlockhash(lifetime, m),
    (m) => appendTransactionMessageInstructions(instructions, m),
    (m) => setTransactionMessageComputeUnitPrice(computeBudget.unitPriceMicroLamports, m),
    (m) => setTransactionMessageComputeUnitLimit(computeBudget.unitLimit, m),
  );
}

/** The message type every builder returns. */
export type BuiltMessage = ReturnType<typeof createBaseMessage>;
