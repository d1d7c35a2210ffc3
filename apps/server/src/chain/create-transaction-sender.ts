import {
  SOLANA_ERROR__JSON_RPC__SERVER_ERROR_SEND_TRANSACTION_PREFLIGHT_FAILURE,
  SOLANA_ERROR__TRANSACTION_ERROR__ALREADY_PROCESSED,
  SOLANA_ERROR__TRANSACTION_ERROR__BLOCKHASH_NOT_FOUND,
  isSolanaError,
  type Address,
  type Base64EncodedWireTransaction,
  type Commitment,
  type GetBalanceApi,
  type GetBlockHeightApi,
  type GetSignatureStatusesApi,
  type Rpc,
  type SendTransactionApi,
  type Signature,
} from '@solana/kit';
import type { Registry } from 'prom-client';
import {
  classifyTransactionError,
  getInstructionProgramIds,
  type FailureClassification,
} from './classify-transaction-error.ts';
import { isAppError } from '../errors/app-error.ts';
import { crashPoint } from '../jobs/crash-point.ts';
import { encodeBase58 } from './base58.ts';
import { fromWire, getFeePayer, getFeePayerSignature } from './prepare-transaction.ts';
import { readFeePayer } from './wire-layout.ts';
import type { SendResult } from './send-result.ts';
import { createSignatureStatusBatcher } from './signature-status-batcher.ts';

/** Who pays and signs first: read from the bytes in place, decoded by kit for an unusual shape. */
function feePayerOf(wire: Base64EncodedWireTransaction): { signature?: Signature; feePayer?: Address } {
  const read = readFeePayer(Buffer.from(wire, 'base64'));
  if (!read) {
    const transaction = fromWire(wire);
    return { signature: getFeePayerSignature(transaction), feePayer: getFeePayer(transaction) };
  }
  return {
    ...(read.signature ? { signature: encodeBase58(read.signature) as Signature } : {}),
    feePayer: encodeBase58(read.feePayer) as Address,
  };
}

export type TransactionSenderConfig = Readonly<{
  rpc: Rpc<SendTransactionApi & GetSignatureStatusesApi & GetBlockHeightApi & GetBalanceApi>;
  /** Default `confirmed`. */
  commitment?: Commitment;
  /** Default 400 ms. */
  pollIntervalMs?: number;
  /** Same bytes re-sent this often until they land or expire. Default 2000 ms. */
  resendIntervalMs?: number;
  /** How long an idle poll waits for the sends in flight (see createSignatureStatusBatcher). */
  coalesceMs?: number;
  /** Registry receiving `insignia_chain_pending_confirmations`. */
  metrics?: Registry;
}>;

export type SendInput = Readonly<{
  /** Fully signed wire transaction. */
  wire: Base64EncodedWireTransaction;
  lastValidBlockHeight: bigint;
  /** Lamports the fee payer needs (from the builder); lets `insufficient_sol` say how much is missing. */
  costLamports?: bigint;
  signal?: AbortSignal;
}>;

export type ConfirmInput = Readonly<{
  signature: Signature;
  lastValidBlockHeight: bigint;
  /** When known, the signed bytes are re-sent while waiting (e.g. the wallet sent them itself). */
  wire?: Base64EncodedWireTransaction;
  signal?: AbortSignal;
}>;

export type TransactionSender = Readonly<{
  /** Send, then track to a final {@link SendResult}. Safe to call again with the same bytes. */
  send(input: SendInput): Promise<SendResult>;
  /** Track a signature someone else sent (or re-check one after a `network` result). */
  confirm(input: ConfirmInput): Promise<SendResult>;
}>;

/** `continue`: preflight says nothing final (already processed / blockhash unknown to this node). */
type EarlyOutcome = FailureClassification | 'continue' | 'network';

function classifySendError(e: unknown, programIds: readonly (Address | undefined)[]): EarlyOutcome {
  if (isSolanaError(e, SOLANA_ERROR__JSON_RPC__SERVER_ERROR_SEND_TRANSACTION_PREFLIGHT_FAILURE)) {
    const cause = e.cause;
    if (!isSolanaError(cause))
      return { status: 'failed', error: { kind: 'rejected', solanaErrorCode: e.context.__code } };
    if (isSolanaError(cause, SOLANA_ERROR__TRANSACTION_ERROR__ALREADY_PROCESSED)) return 'continue';
    if (isSolanaError(cause, SOLANA_ERROR__TRANSACTION_ERROR__BLOCKHASH_NOT_FOUND)) return 'continue';
    return classifyTransactionError(cause, programIds);
  }
  if (isAppError(e, 'CHAIN__RPC_UNAVAILABLE')) return 'network';
  if (isAppError(e, 'CHAIN__RPC_REJECTED'))
    return { status: 'failed', error: { kind: 'rejected', httpStatus: e.context.status } };
  if (isSolanaError(e))
    return { status: 'failed', error: { kind: 'rejected', solanaErrorCode: e.context.__code } };
  throw e;
}

/**
 * Sends signed transactions and tracks them to a final outcome (see {@link SendResult}).
 * Preflight failures are classified by kit error code and program error; while the blockhash is
 * valid the same bytes are re-sent, never re-signed. Every signature in flight is polled by one
 * shared loop (see {@link createSignatureStatusBatcher}); `close` stops it.
 */
export function createTransactionSender(
  config: TransactionSenderConfig,
): TransactionSender & { close(): void } {
  const { rpc } = config;
  const commitment = config.commitment ?? 'confirmed';
  const resendEveryMs = config.resendIntervalMs ?? 2000;
  const statuses = createSignatureStatusBatcher({
    rpc,
    ...(config.pollIntervalMs === undefined ? {} : { pollIntervalMs: config.pollIntervalMs }),
    ...(config.coalesceMs === undefined ? {} : { coalesceMs: config.coalesceMs }),
    ...(config.metrics ? { metrics: config.metrics } : {}),
  });

  const sendBytes = (wire: Base64EncodedWireTransaction, signal?: AbortSignal) =>
    rpc
      .sendTransaction(wire, { encoding: 'base64', preflightCommitment: commitment })
      .send(signal ? { abortSignal: signal } : {});

  /** While waiting, the same bytes are sent again every `resendEveryMs`. */
  const resendOf = (wire: Base64EncodedWireTransaction) => ({
    resend: { everyMs: resendEveryMs, send: (signal: AbortSignal) => sendBytes(wire, signal) },
  });

  const track = (
    signature: Signature,
    input: Omit<ConfirmInput, 'signature'>,
    programIds: () => readonly (Address | undefined)[],
  ) =>
    statuses.confirm({
      signature,
      lastValidBlockHeight: input.lastValidBlockHeight,
      commitment,
      programIds,
      ...(input.wire ? resendOf(input.wire) : {}),
      ...(input.signal ? { signal: input.signal } : {}),
    });

  const withNeed = async (
    signature: Signature,
    feePayer: Address,
    costLamports?: bigint,
  ): Promise<SendResult> => {
    if (costLamports === undefined) return { status: 'insufficient_sol', signature };
    const balance = await rpc
      .getBalance(feePayer)
      .send()
      .then(
        (r) => r.value,
        () => undefined,
      );
    const need = balance === undefined ? undefined : costLamports - balance;
    return {
      status: 'insufficient_sol',
      signature,
      ...(need !== undefined && need > 0n ? { needLamports: need } : {}),
    };
  };

  return {
    async send(input) {
      const { signature, feePayer } = feePayerOf(input.wire);
      if (!signature || !feePayer) throw new RangeError('the fee payer has not signed this transaction');
      // Needed only to explain a failure: the message is decoded for it then, not on every send.
      const programIds = () => getInstructionProgramIds(fromWire(input.wire));
      crashPoint('chain.send.before', feePayer); // test-only, see jobs/crash-point.ts
      let early: EarlyOutcome = 'continue';
      const arriving = statuses.incoming(); // an idle poll waits briefly for this signature
      try {
        await sendBytes(input.wire, input.signal);
      } catch (e) {
        if (input.signal?.aborted) throw e;
        early = classifySendError(e, programIds());
      } finally {
        arriving(); // `track` below registers in this same turn, before any poll can start
      }
      crashPoint('chain.send.after', feePayer); // test-only: sent, outcome not known yet
      if (early === 'network') return { status: 'network', signature, retryable: true };
      if (early === 'continue') {
        const outcome = await track(signature, input, programIds);
        crashPoint('chain.send.settled', feePayer); // test-only: outcome known, not recorded
        return outcome;
      }
      if (early.status === 'insufficient_sol') {
        return withNeed(signature, feePayer, input.costLamports);
      }
      return { signature, ...early };
    },
    async confirm(input) {
      const { wire } = input;
      return track(input.signature, input, () => (wire ? getInstructionProgramIds(fromWire(wire)) : []));
    },
    close: () => statuses.close(),
  };
}
