import {
  getSolanaErrorFromTransactionError,
  type Address,
  type Commitment,
  type GetBlockHeightApi,
  type GetSignatureStatusesApi,
  type Rpc,
  type Signature,
} from '@solana/kit';
import { Gauge, type Registry } from 'prom-client';
import { classifyTransactionError } from './classify-transaction-error.ts';
import { isAppError } from '../errors/app-error.ts';
import type { SendResult } from './send-result.ts';

const RANK: Record<Commitment, number> = { processed: 0, confirmed: 1, finalized: 2 };
/** Most signatures one getSignatureStatuses call accepts. */
const MAX_SIGNATURES_PER_CALL = 256;

/** One signature to track to a final {@link SendResult}. */
export type SignatureWaiter = Readonly<{
  signature: Signature;
  lastValidBlockHeight: bigint;
  /** Default `confirmed`. */
  commitment?: Commitment;
  /**
   * Program of each instruction, to attribute instruction errors (see getInstructionProgramIds);
   * asked only when one failed, since reading them means decoding the message.
   */
  programIds?: () => readonly (Address | undefined)[];
  /** Re-send the same signed bytes every `everyMs` while the transaction has not landed. */
  resend?: Readonly<{ everyMs: number; send: (signal: AbortSignal) => Promise<unknown> }>;
  /** Aborting drops the waiter at once; `confirm` rejects with the signal's reason. */
  signal?: AbortSignal;
}>;

export type SignatureStatusBatcherConfig = Readonly<{
  rpc: Rpc<GetSignatureStatusesApi & GetBlockHeightApi>;
  /** Between two checks of a pending signature. Default 400 ms. */
  pollIntervalMs?: number;
  /**
   * While no signature is pending, a new one is checked at once, unless sends announced with
   * `incoming` are still in flight: then the check waits for them, at most this long after the
   * first new signature arrived, so a burst of sends shares a few checks. Default 100 ms: 64
   * concurrent sends to the in-process validator under load then take 2-6 checks (13 with 50 ms).
   */
  coalesceMs?: number;
  /** Registry receiving `insignia_chain_pending_confirmations`. */
  metrics?: Registry;
}>;

/** Tracks many signatures with one getSignatureStatuses call (per 256) and one getBlockHeight per poll. */
export type SignatureStatusBatcher = Readonly<{
  confirm(waiter: SignatureWaiter): Promise<SendResult>;
  /**
   * Announces a signature about to be tracked (its transaction is being sent); call the returned
   * function once the send is over, right before `confirm` or instead of it.
   */
  incoming(): () => void;
  /** Signatures being tracked. */
  pending(): number;
  /** Stops the loop; pending waiters get `network` (their outcome is still decidable later). */
  close(): void;
}>;

type Status = { slot: bigint; err: unknown; confirmationStatus: Commitment | null } | null;

type Entry = {
  waiter: SignatureWaiter;
  settle: (outcome: { result: SendResult } | { error: Error }) => void;
  /** Seen by at least one poll: from then on it waits for the regular poll. */
  checked: boolean;
  lastSend: number;
  resending: boolean;
  /** Aborts an in-flight resend once the waiter is settled, aborted or the batcher closes. */
  done: AbortController;
};

/** The signal's reason, which `abort()` without one makes a DOMException (an Error). */
function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new DOMException('This operation was aborted', 'AbortError');
}

function outcomeOf(waiter: SignatureWaiter, status: Status): SendResult | undefined {
  const { signature } = waiter;
  if (!status) return undefined;
  if (status.err) {
    const error = getSolanaErrorFromTransactionError(
      status.err as Parameters<typeof getSolanaErrorFromTransactionError>[0],
    );
    return { signature, ...classifyTransactionError(error, waiter.programIds?.() ?? []) };
  }
  const want = RANK[waiter.commitment ?? 'confirmed'];
  if (status.confirmationStatus && RANK[status.confirmationStatus] >= want)
    return { status: 'confirmed', signature, slot: status.slot };
  return undefined;
}

function pendingGauge(registry: Registry | undefined): Gauge | undefined {
  if (!registry) return undefined;
  const name = 'insignia_chain_pending_confirmations';
  return (
    (registry.getSingleMetric(name) as Gauge | undefined) ??
    new Gauge({ name, help: 'Signatures waiting for their confirmation', registers: [registry] })
  );
}

/**
 * One polling loop for every signature a sender tracks. Each waiter keeps the semantics of a
 * loop of its own: its commitment, its program ids for error classification, `expired` only once
 * the block height passed its lastValidBlockHeight and a history lookup still finds nothing, its
 * resends, its AbortSignal; `network` when the RPC is unavailable for its check. The loop runs
 * only while signatures are pending, and its timer never keeps the process alive.
 */
export function createSignatureStatusBatcher(config: SignatureStatusBatcherConfig): SignatureStatusBatcher {
  const { rpc } = config;
  const pollIntervalMs = config.pollIntervalMs ?? 400;
  const coalesceMs = config.coalesceMs ?? 100;
  const gauge = pendingGauge(config.metrics);
  const entries = new Set<Entry>();
  const closing = new AbortController();
  let checked = 0;
  /** Sends announced and not over yet. */
  let incoming = 0;
  /** When the first signature not yet checked arrived (since the last poll started). */
  let firstNewAt: number | undefined;
  /** Cancels the next poll when one is scheduled (at `nextPollAt`). */
  let cancelNext: (() => void) | undefined;
  let nextPollAt = Infinity;
  let polling = false;
  let lastPollEnd = -Infinity;

  const remove = (entry: Entry): boolean => {
    if (!entries.delete(entry)) return false;
    if (entry.checked) checked -= 1;
    entry.done.abort();
    gauge?.dec();
    return true;
  };
  const resolve = (entry: Entry, result: SendResult) => {
    if (remove(entry)) entry.settle({ result });
  };
  const network = (entry: Entry) =>
    resolve(entry, { status: 'network', signature: entry.waiter.signature, retryable: true });
  const fail = (entry: Entry, error: unknown) => {
    if (isAppError(error, 'CHAIN__RPC_UNAVAILABLE')) network(entry);
    else if (remove(entry))
      entry.settle({ error: error instanceof Error ? error : new Error(String(error)) });
  };

  /** Pending signatures are polled every pollIntervalMs; new ones alone at once, or with the sends in flight. */
  const schedule = () => {
    if (polling || closing.signal.aborted || entries.size === 0) return; // a running poll reschedules
    const now = Date.now();
    const at =
      checked > 0 ? lastPollEnd + pollIntervalMs : incoming > 0 ? (firstNewAt ?? now) + coalesceMs : now;
    if (cancelNext && nextPollAt <= at) return;
    cancelNext?.();
    nextPollAt = at;
    // Never holding the process open. setTimeout waits at least 1 ms; an immediate still
    // gathers the signatures that arrived in this I/O phase.
    if (at <= now) {
      const immediate = setImmediate(() => void runPoll()).unref();
      cancelNext = () => clearImmediate(immediate);
    } else {
      const timeout = setTimeout(() => void runPoll(), at - now).unref();
      cancelNext = () => clearTimeout(timeout);
    }
  };

  /** Statuses of `group` (one call per 256 distinct signatures); a failed call settles its waiters. */
  const lookup = async (group: Entry[], searchTransactionHistory: boolean) => {
    const bySignature = new Map<Signature, Entry[]>(); // waiters may share a signature
    for (const entry of group) {
      const same = bySignature.get(entry.waiter.signature);
      if (same) same.push(entry);
      else bySignature.set(entry.waiter.signature, [entry]);
    }
    const signatures = [...bySignature.keys()];
    const found = new Map<Signature, Status>();
    const calls = [];
    for (let i = 0; i < signatures.length; i += MAX_SIGNATURES_PER_CALL) {
      const chunk = signatures.slice(i, i + MAX_SIGNATURES_PER_CALL);
      calls.push(
        rpc
          .getSignatureStatuses(chunk, { searchTransactionHistory })
          .send({ abortSignal: closing.signal })
          .then(
            ({ value }) => chunk.forEach((signature, j) => found.set(signature, value[j] ?? null)),
            (e: unknown) => chunk.forEach((s) => bySignature.get(s)?.forEach((entry) => fail(entry, e))),
          ),
      );
    }
    await Promise.all(calls);
    return found;
  };

  const resend = (entry: Entry) => {
    const { resend: how } = entry.waiter;
    if (!how || entry.resending || Date.now() - entry.lastSend < how.everyMs) return;
    entry.lastSend = Date.now();
    entry.resending = true;
    // Best effort, not awaited: the status poll decides, and a slow send must not hold the loop.
    void how
      .send(entry.done.signal)
      .catch(() => undefined)
      .finally(() => (entry.resending = false));
  };

  const poll = async (batch: Entry[]) => {
    const statuses = await lookup(batch, false);
    const notLanded: Entry[] = [];
    for (const entry of batch) {
      const status = statuses.get(entry.waiter.signature);
      if (!entries.has(entry) || status === undefined) continue; // settled meanwhile
      if (!entry.checked) {
        entry.checked = true;
        checked += 1;
      }
      // A processed transaction can still be dropped with its fork, so landing is re-checked every poll.
      if (status === null) notLanded.push(entry);
      else {
        const outcome = outcomeOf(entry.waiter, status);
        if (outcome) resolve(entry, outcome);
      }
    }
    if (notLanded.length === 0) return;
    let height: bigint;
    try {
      height = await rpc.getBlockHeight({ commitment: 'confirmed' }).send({ abortSignal: closing.signal });
    } catch (e) {
      notLanded.forEach((entry) => fail(entry, e));
      return;
    }
    const expiring = notLanded.filter((e) => entries.has(e) && height > e.waiter.lastValidBlockHeight);
    const late = expiring.length > 0 ? await lookup(expiring, true) : new Map<Signature, Status>();
    const expiringSet = new Set(expiring);
    for (const entry of notLanded) {
      if (!entries.has(entry)) continue;
      if (!expiringSet.has(entry)) {
        resend(entry);
        continue;
      }
      const status = late.get(entry.waiter.signature); // it may have landed at the last moment
      if (status === null) resolve(entry, { status: 'expired', signature: entry.waiter.signature });
      else if (status !== undefined) {
        const outcome = outcomeOf(entry.waiter, status);
        if (outcome) resolve(entry, outcome);
      }
    }
  };

  const runPoll = async () => {
    cancelNext = undefined;
    nextPollAt = Infinity;
    polling = true;
    firstNewAt = undefined;
    const batch = [...entries];
    try {
      await poll(batch);
    } catch (e) {
      batch.forEach((entry) => fail(entry, e)); // a bug, not the RPC: fail its waiters, keep the loop
    } finally {
      polling = false;
      lastPollEnd = Date.now();
      schedule();
    }
  };

  return {
    confirm(waiter) {
      const { signal } = waiter;
      if (signal?.aborted) return Promise.reject(abortReason(signal));
      if (closing.signal.aborted)
        return Promise.resolve({ status: 'network', signature: waiter.signature, retryable: true });
      return new Promise<SendResult>((resolvePromise, rejectPromise) => {
        const onAbort = () => {
          if (!signal || !remove(entry)) return;
          rejectPromise(abortReason(signal));
          schedule(); // the others may no longer need to wait for the regular poll
        };
        const entry: Entry = {
          waiter,
          checked: false,
          lastSend: Date.now(),
          resending: false,
          done: new AbortController(),
          settle: (outcome) => {
            signal?.removeEventListener('abort', onAbort);
            if ('result' in outcome) resolvePromise(outcome.result);
            else rejectPromise(outcome.error);
          },
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        entries.add(entry);
        firstNewAt ??= Date.now();
        gauge?.inc();
        schedule();
      });
    },
    incoming() {
      incoming += 1;
      let over = false;
      return () => {
        if (over) return;
        over = true;
        incoming -= 1;
        schedule(); // the poll may have been waiting for this send only
      };
    },
    pending: () => entries.size,
    close() {
      closing.abort();
      cancelNext?.();
      cancelNext = undefined;
      [...entries].forEach(network);
    },
  };
}
