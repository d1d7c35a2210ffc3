import {
  getSolanaErrorFromTransactionError,
  type Address,
  type Commitment,
  type GetBlockHeightApi,
  type GetSignatureStatusesApi,
  type Rpc,
  type Signature,
} from '@solana/kit';
import { classifyTransactionError } from './classify-transaction-error.ts';
import { isAppError } from '../errors/app-error.ts';
import type { SendResult } from './send-result.ts';
import { sleep } from './sleep.ts';

const RANK: Record<Commitment, number> = { processed: 0, confirmed: 1, finalized: 2 };

export type ConfirmSignatureInput = Readonly<{
  rpc: Rpc<GetSignatureStatusesApi & GetBlockHeightApi>;
  signature: Signature;
  lastValidBlockHeight: bigint;
  /** Default `confirmed`. */
  commitment?: Commitment;
  /** Program of each instruction, to attribute instruction errors (see getInstructionProgramIds). */
  programIds?: readonly (Address | undefined)[];
  /** Default 400 ms. */
  pollIntervalMs?: number;
  /** Re-send the same signed bytes every `everyMs` while the transaction has not landed. */
  resend?: Readonly<{ everyMs: number; send: () => Promise<unknown> }>;
  signal?: AbortSignal;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}>;

type Status = { slot: bigint; err: unknown; confirmationStatus: Commitment | null } | null;

/**
 * Polls getSignatureStatuses until `commitment` is reached or the block height passes
 * `lastValidBlockHeight`; then searches the history once more (it can land at the last moment)
 * before declaring `expired`. Never re-signs. No endpoint reachable → `network` (call again later
 * with the same signature: the outcome is still decidable).
 */
export async function confirmSignature(input: ConfirmSignatureInput): Promise<SendResult> {
  const { rpc, signature } = input;
  const want = RANK[input.commitment ?? 'confirmed'];
  const wait = input.sleep ?? sleep;
  let lastSend = Date.now();

  const fetchStatus = async (searchTransactionHistory: boolean): Promise<Status> =>
    (
      await rpc
        .getSignatureStatuses([signature], { searchTransactionHistory })
        .send({ ...(input.signal ? { abortSignal: input.signal } : {}) })
    ).value[0] ?? null;

  const outcomeOf = (status: Status): SendResult | undefined => {
    if (!status) return undefined;
    if (status.err) {
      const error = getSolanaErrorFromTransactionError(
        status.err as Parameters<typeof getSolanaErrorFromTransactionError>[0],
      );
      return { signature, ...classifyTransactionError(error, input.programIds ?? []) };
    }
    if (status.confirmationStatus && RANK[status.confirmationStatus] >= want)
      return { status: 'confirmed', signature, slot: status.slot };
    return undefined;
  };

  for (;;) {
    // Re-evaluated every round: a processed transaction can still be dropped with its fork.
    let landed: boolean;
    try {
      const status = await fetchStatus(false);
      landed = status !== null;
      const outcome = outcomeOf(status);
      if (outcome) return outcome;
      if (
        !landed &&
        (await rpc.getBlockHeight({ commitment: 'confirmed' }).send()) > input.lastValidBlockHeight
      ) {
        const late = await fetchStatus(true); // it may have landed at the last moment
        if (!late) return { status: 'expired', signature };
        landed = true;
        const lateOutcome = outcomeOf(late);
        if (lateOutcome) return lateOutcome;
      }
    } catch (e) {
      if (isAppError(e, 'CHAIN__RPC_UNAVAILABLE')) return { status: 'network', signature, retryable: true };
      throw e;
    }
    if (input.resend && !landed && Date.now() - lastSend >= input.resend.everyMs) {
      lastSend = Date.now();
      await input.resend.send().catch(() => undefined); // best effort; the status poll decides
    }
    await wait(input.pollIntervalMs ?? 400, input.signal);
  }
}
