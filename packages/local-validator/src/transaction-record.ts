import type { DecodedTransaction } from './decode-transaction.ts';
import type { ExecutionResult, InnerInstructionSet, ReturnData } from './execute-transaction.ts';
import type { ResolvedAccountKeys } from './resolve-account-keys.ts';
import { collectTokenBalances, type TokenBalance } from './token-balances.ts';
import type { TransactionErrorJson } from './transaction-error.ts';
import { MEMO_PROGRAMS } from './svm.ts';

/** A processed transaction as kept in memory and on disk (JSON-safe: u64 values are decimal strings). */
export interface TransactionRecord {
  readonly signature: string;
  readonly slot: number;
  /** Unix seconds. */
  readonly blockTime: number;
  /** The wire transaction, base64. */
  readonly transaction: string;
  readonly err: TransactionErrorJson | null;
  readonly fee: string;
  /** Static keys, then lookup-table keys: the list balances are indexed by. */
  readonly accountKeys: readonly string[];
  readonly loadedAddresses: { readonly writable: readonly string[]; readonly readonly: readonly string[] };
  readonly preBalances: readonly string[];
  readonly postBalances: readonly string[];
  readonly preTokenBalances: readonly TokenBalance[];
  readonly postTokenBalances: readonly TokenBalance[];
  readonly logMessages: readonly string[];
  readonly computeUnitsConsumed: string;
  readonly innerInstructions: readonly InnerInstructionSet[];
  readonly returnData: ReturnData | null;
  /** As getSignaturesForAddress reports it: `"[len] text"` per memo, joined by "; ". */
  readonly memo: string | null;
}

/** Builds the record of a transaction that reached the ledger. */
export function buildTransactionRecord(
  tx: DecodedTransaction,
  accounts: ResolvedAccountKeys,
  result: ExecutionResult,
  at: { slot: number; blockTime: number; decimalsOf: (mint: string) => number | undefined },
): TransactionRecord {
  const preBalances = result.pre.map((a) => a?.lamports ?? 0n);
  const postBalances = result.post.map((a) => a?.lamports ?? 0n);
  // Lamports only leave the transaction's accounts as the fee, so the difference is exactly the fee.
  const fee = preBalances.reduce((sum, b) => sum + b, 0n) - postBalances.reduce((sum, b) => sum + b, 0n);
  return {
    signature: tx.signature,
    slot: at.slot,
    blockTime: at.blockTime,
    transaction: Buffer.from(tx.wire).toString('base64'),
    err: result.err,
    fee: fee.toString(),
    accountKeys: accounts.keys,
    loadedAddresses: { writable: accounts.loadedWritable, readonly: accounts.loadedReadonly },
    preBalances: preBalances.map(String),
    postBalances: postBalances.map(String),
    preTokenBalances: collectTokenBalances(result.pre, at.decimalsOf),
    postTokenBalances: collectTokenBalances(result.post, at.decimalsOf),
    logMessages: result.logs,
    computeUnitsConsumed: result.computeUnitsConsumed.toString(),
    innerInstructions: result.innerInstructions,
    returnData: result.returnData,
    memo: extractMemo(tx),
  };
}

function extractMemo(tx: DecodedTransaction): string | null {
  const memos = tx.instructions
    .filter((ix) => MEMO_PROGRAMS.has(tx.staticAccounts[ix.programIdIndex] ?? ''))
    .map((ix) => `[${ix.data.length}] ${Buffer.from(ix.data).toString('utf8')}`);
  return memos.length === 0 ? null : memos.join('; ');
}
