import type { AccountSnapshot } from './account-snapshot.ts';
import type { Chain } from './chain.ts';
import { decodeTransaction } from './decode-transaction.ts';
import { simulateTransaction, type ExecutionResult } from './execute-transaction.ts';
import { invalidParams } from './json-rpc.ts';
import { signatureFailure } from './preflight-errors.ts';
import { resolveAccountKeys, type ResolvedAccountKeys } from './resolve-account-keys.ts';
import { TransactionFailure } from './transaction-error.ts';

/** The outcome of simulateTransaction. `accounts` is null when the transaction failed before execution. */
export interface Simulation {
  readonly accounts: ResolvedAccountKeys | null;
  readonly result: ExecutionResult;
  readonly replacementBlockhash: { blockhash: string; lastValidBlockHeight: number } | null;
  /** The state of `address` after the simulated transaction. */
  stateAfter(address: string): AccountSnapshot | null;
}

/**
 * Simulates a wire transaction without touching the ledger. By default signatures are not checked
 * (`sigVerify: false`) and the blockhash must still be valid unless `replaceRecentBlockhash`.
 */
export function simulateWireTransaction(
  chain: Chain,
  wire: Uint8Array,
  options: { sigVerify: boolean; replaceRecentBlockhash: boolean },
): Simulation {
  if (options.sigVerify && options.replaceRecentBlockhash)
    throw invalidParams('sigVerify may not be used with replaceRecentBlockhash');
  const tx = decodeTransaction(wire);
  const replacementBlockhash = options.replaceRecentBlockhash ? chain.latestBlockhash() : null;
  let accounts: ResolvedAccountKeys | null = null;
  let result: ExecutionResult;
  try {
    if (replacementBlockhash === null && !chain.isBlockhashValid(tx.recentBlockhash))
      throw new TransactionFailure('BlockhashNotFound');
    accounts = resolveAccountKeys(tx, (address) => chain.getAccount(address));
    result = simulateTransaction(chain.vm, tx, accounts, options.sigVerify);
    if (result.err === 'SignatureFailure') throw signatureFailure();
  } catch (error) {
    if (!(error instanceof TransactionFailure)) throw error;
    result = {
      err: error.err,
      logs: [],
      computeUnitsConsumed: 0n,
      innerInstructions: [],
      returnData: null,
      pre: [],
      post: [],
      committed: false,
    };
  }
  const keys = accounts?.keys ?? [];
  return {
    accounts,
    result,
    replacementBlockhash,
    stateAfter: (address) => {
      const i = keys.indexOf(address);
      return i >= 0 ? (result.post[i] ?? null) : chain.getAccount(address);
    },
  };
}
