import { sameAccount, type AccountSnapshot } from './account-snapshot.ts';
import { encodeBase58 } from './base58.ts';
import type { DecodedTransaction } from './decode-transaction.ts';
import type { ResolvedAccountKeys } from './resolve-account-keys.ts';
import { FailedTransactionMetadata, type Svm, type TransactionMetadata } from './svm.ts';
import { transactionErrorFromLiteSvm, type TransactionErrorJson } from './transaction-error.ts';

/** A CPI made while executing a top-level instruction. */
export interface InnerInstruction {
  readonly programIdIndex: number;
  readonly accounts: readonly number[];
  /** base58 */
  readonly data: string;
  readonly stackHeight: number;
}

/** The CPIs of top-level instruction `index`. */
export interface InnerInstructionSet {
  readonly index: number;
  readonly instructions: readonly InnerInstruction[];
}

/** Program return data; `data` is base64. */
export interface ReturnData {
  readonly programId: string;
  readonly data: string;
}

/** What running a transaction on LiteSVM did. `pre[i]` / `post[i]` are the states of account key `i`. */
export interface ExecutionResult {
  readonly err: TransactionErrorJson | null;
  readonly logs: readonly string[];
  readonly computeUnitsConsumed: bigint;
  readonly innerInstructions: readonly InnerInstructionSet[];
  readonly returnData: ReturnData | null;
  readonly pre: readonly (AccountSnapshot | null)[];
  readonly post: readonly (AccountSnapshot | null)[];
  /** Whether the ledger changed: a success, or a failure that was still charged its fee. */
  readonly committed: boolean;
}

/** Return data as RPC responses carry it: `{ programId, data: [base64, "base64"] }`. */
export function returnDataJson(
  returnData: ReturnData | null,
): { programId: string; data: [string, 'base64'] } | null {
  return returnData === null ? null : { programId: returnData.programId, data: [returnData.data, 'base64'] };
}

function describeMetadata(meta: TransactionMetadata) {
  const innerInstructions: InnerInstructionSet[] = [];
  meta.innerInstructions().forEach((list, index) => {
    if (list.length === 0) return;
    innerInstructions.push({
      index,
      instructions: list.map((inner) => {
        const ix = inner.instruction();
        return {
          programIdIndex: ix.programIdIndex(),
          accounts: [...ix.accounts()],
          data: encodeBase58(ix.data()),
          stackHeight: inner.stackHeight(),
        };
      }),
    });
  });
  const returned = meta.returnData();
  const programId = returned.programId();
  const returnData = programId.some((b) => b !== 0)
    ? { programId: encodeBase58(programId), data: Buffer.from(returned.data()).toString('base64') }
    : null;
  return {
    logs: meta.logs(),
    computeUnitsConsumed: meta.computeUnitsConsumed(),
    innerInstructions,
    returnData,
  };
}

/**
 * Executes a transaction against LiteSVM, verifying its signatures. A failed transaction is rolled
 * back unless `keepFailed` (the skipPreflight case, where a real validator records it and keeps
 * the fee it charged).
 */
export function executeTransaction(
  svm: Svm,
  tx: DecodedTransaction,
  accounts: ResolvedAccountKeys,
  keepFailed: boolean,
): ExecutionResult {
  const pre = accounts.keys.map((key) => svm.getAccount(key));
  const outcome = svm.sendTransaction(tx.wire, tx.version !== 'legacy', true);
  let post = accounts.keys.map((key, i) => (accounts.writable[i] ? svm.getAccount(key) : (pre[i] ?? null)));
  const failed = outcome instanceof FailedTransactionMetadata;
  let committed = !failed || post.some((account, i) => !sameAccount(account, pre[i] ?? null));
  if (failed && committed && !keepFailed) {
    post.forEach((account, i) => {
      const before = pre[i] ?? null;
      if (!sameAccount(account, before)) svm.setAccount(accounts.keys[i] ?? '', before);
    });
    post = pre;
    committed = false;
  }
  const meta = failed ? outcome.meta() : outcome;
  return {
    err: failed ? transactionErrorFromLiteSvm(outcome.err()) : null,
    ...describeMetadata(meta),
    pre,
    post,
    committed,
  };
}

/** Runs a transaction without changing any state (simulateTransaction). */
export function simulateTransaction(
  svm: Svm,
  tx: DecodedTransaction,
  accounts: ResolvedAccountKeys,
  sigVerify: boolean,
): ExecutionResult {
  const pre = accounts.keys.map((key) => svm.getAccount(key));
  const outcome = svm.simulateTransaction(tx.wire, tx.version !== 'legacy', sigVerify);
  if (outcome instanceof FailedTransactionMetadata) {
    const err = transactionErrorFromLiteSvm(outcome.err());
    return { err, ...describeMetadata(outcome.meta()), pre, post: pre, committed: false };
  }
  const changed = new Map(
    outcome.postAccounts().map((entry) => [encodeBase58(entry.address), entry.account()]),
  );
  const post = accounts.keys.map((key, i) => {
    const account = changed.get(key);
    if (account === undefined) return pre[i] ?? null;
    if (account.lamports() === 0n) return null;
    return {
      address: key,
      lamports: account.lamports(),
      owner: encodeBase58(account.owner()),
      executable: account.executable(),
      data: account.data(),
    };
  });
  return { err: null, ...describeMetadata(outcome.meta()), pre, post, committed: false };
}
