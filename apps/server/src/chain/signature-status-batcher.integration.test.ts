import { randomBytes } from 'node:crypto';
import {
  createDefaultRpcTransport,
  getBase58Decoder,
  signature as toSignature,
  type Instruction,
  type Signature,
} from '@solana/kit';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChainHarness, type ChainHarness } from './chain-integration-fixtures.ts';
import { createChainRpc } from './create-chain-rpc.ts';
import { createBaseMessage, resolveLifetime } from './create-base-message.ts';
import { createTransactionSender } from './create-transaction-sender.ts';
import { getMemoInstruction, SPL_MEMO_PROGRAM_ADDRESS } from './get-memo-instruction.ts';
import { prepareTransaction, type PreparedTransaction } from './prepare-transaction.ts';
import { createSignatureStatusBatcher } from './signature-status-batcher.ts';

let h: ChainHarness;
beforeAll(async () => {
  h = await startChainHarness();
});
afterAll(async () => {
  await h.validator.close();
});

type Call = { method: string; params: unknown[] };

/** An RPC client on the harness validator that records every HTTP request it makes. */
function recordedRpc(options: { maxRetries?: number } = {}) {
  const calls: Call[] = [];
  const metrics = new Registry();
  const chain = createChainRpc({
    urls: [h.validator.url],
    commitment: 'confirmed',
    timeoutMs: 5000,
    maxRetries: options.maxRetries ?? 3,
    backoff: { baseMs: 10, maxMs: 20 },
    metrics,
    transport: {
      createEndpointTransport: (url) => {
        const http = createDefaultRpcTransport({ url });
        return (request) => {
          calls.push(request.payload as Call);
          return http(request);
        };
      },
    },
  });
  const count = (method: string, history?: boolean) =>
    calls.filter(
      (c) =>
        c.method === method &&
        (history === undefined ||
          (c.params[1] as { searchTransactionHistory?: boolean } | undefined)?.searchTransactionHistory ===
            history),
    ).length;
  return { rpc: chain.rpc, chain, calls, count, metrics };
}

/** `n` distinct memo transactions paid and signed by the harness authority. */
async function memoTransactions(
  n: number,
  instruction = (i: number): Instruction => getMemoInstruction(`m${i}`),
) {
  const lifetime = await resolveLifetime(h.chain);
  const nonce = crypto.randomUUID();
  return Promise.all(
    Array.from({ length: n }, (_, i) =>
      prepareTransaction(
        createBaseMessage(h.authority, lifetime, [getMemoInstruction(nonce), instruction(i)]),
      ),
    ),
  );
}

const sendRaw = (p: PreparedTransaction, skipPreflight = false) =>
  h.chain.rpc.sendTransaction(p.wire, { encoding: 'base64', skipPreflight }).send();

const randomSignature = (): Signature => toSignature(getBase58Decoder().decode(randomBytes(64)));

async function pendingGauge(metrics: Registry) {
  return (await metrics.getSingleMetric('insignia_chain_pending_confirmations')?.get())?.values[0]?.value;
}

describe('shared signature status polling (local validator over HTTP)', () => {
  it('64 concurrent sends all confirm for at most 0.2 status requests per signature', async () => {
    const { rpc, count, metrics } = recordedRpc();
    const sender = createTransactionSender({ rpc, metrics }); // the app's poll interval (400 ms)
    const prepared = await memoTransactions(64);
    const results = await Promise.all(
      prepared.map((p) => sender.send({ wire: p.wire, lastValidBlockHeight: p.lastValidBlockHeight })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(64).fill('confirmed'));
    expect(count('getSignatureStatuses')).toBeLessThanOrEqual(0.2 * 64);
    expect(await pendingGauge(metrics)).toBe(0);
    sender.close();
  });

  it('64 sends still in flight (first send dropped, the resend lands) share each poll', async () => {
    const { rpc, count } = recordedRpc();
    const sender = createTransactionSender({ rpc, pollIntervalMs: 100, resendIntervalMs: 300 });
    const prepared = await memoTransactions(64);
    h.validator.faults.set({ mode: 'drop', count: 64 });
    try {
      const results = await Promise.all(
        prepared.map((p) => sender.send({ wire: p.wire, lastValidBlockHeight: p.lastValidBlockHeight })),
      );
      expect(results.map((r) => r.status)).toEqual(Array(64).fill('confirmed'));
    } finally {
      h.validator.faults.clear();
    }
    expect(count('sendTransaction')).toBeGreaterThanOrEqual(128); // the same bytes again, not re-signed
    expect(count('getSignatureStatuses')).toBeLessThanOrEqual(0.2 * 64);
    sender.close();
  });

  it('a lone signature is checked at once, not after a poll interval', async () => {
    const { rpc } = recordedRpc();
    const sender = createTransactionSender({ rpc, pollIntervalMs: 10_000 });
    const [p] = await memoTransactions(1);
    const started = Date.now();
    const out = await sender.send({ wire: p!.wire, lastValidBlockHeight: p!.lastValidBlockHeight });
    expect(out.status).toBe('confirmed');
    expect(Date.now() - started).toBeLessThan(5_000);
    sender.close();
  });

  it('over 256 signatures take one status call per 256; shared signatures are asked once', async () => {
    const { rpc, calls, count } = recordedRpc();
    const batcher = createSignatureStatusBatcher({ rpc });
    const signatures = Array.from({ length: 300 }, randomSignature);
    // Never sent and already past their lifetime: each ends `expired` after the history lookup.
    const waiters = [...signatures, signatures[0]!].map((signature) =>
      batcher.confirm({ signature, lastValidBlockHeight: 0n }),
    );
    const results = await Promise.all(waiters);
    expect(results.every((r) => r.status === 'expired')).toBe(true);
    expect(count('getSignatureStatuses', false)).toBe(2);
    expect(count('getSignatureStatuses', true)).toBe(2);
    expect(count('getBlockHeight')).toBe(1);
    const asked = calls
      .filter((c) => c.method === 'getSignatureStatuses')
      .map((c) => (c.params[0] as unknown[]).length);
    expect(asked.sort((a, b) => a - b)).toEqual([44, 44, 256, 256]);
  });

  it('expired only after the history lookup: one found there is confirmed, one absent is expired', async () => {
    const { rpc, calls } = recordedRpc();
    const sender = createTransactionSender({ rpc, pollIntervalMs: 50 });
    const [landed, dropped] = await memoTransactions(2);
    await sendRaw(landed!);
    h.validator.faults.set({ mode: 'drop', count: 1 });
    await sendRaw(dropped!); // answered with its signature, never lands
    h.validator.faults.clear();
    // Past both lifetimes, and past the recent-status window: `landed` is only in the history now.
    h.validator.advanceSlots(1_000);
    const [late, expired] = await Promise.all(
      [landed!, dropped!].map((p) =>
        sender.confirm({ signature: p.signature!, lastValidBlockHeight: p.lastValidBlockHeight }),
      ),
    );
    expect(late).toMatchObject({ status: 'confirmed', signature: landed!.signature });
    expect(expired).toEqual({ status: 'expired', signature: dropped!.signature });
    const history = calls.filter(
      (c) =>
        c.method === 'getSignatureStatuses' &&
        (c.params[1] as { searchTransactionHistory?: boolean }).searchTransactionHistory,
    );
    expect(history.flatMap((c) => c.params[0] as string[])).toContain(dropped!.signature);
    sender.close();
  });

  it('a failed transaction is classified per waiter while the others in its poll confirm', async () => {
    const { rpc } = recordedRpc();
    const sender = createTransactionSender({ rpc, pollIntervalMs: 50 });
    // Memo refuses bytes that are not UTF-8; skipPreflight lets the failure land (fee charged).
    const [bad] = await memoTransactions(1, () => ({
      programAddress: SPL_MEMO_PROGRAM_ADDRESS,
      data: new Uint8Array([0xff, 0xfe]),
    }));
    await sendRaw(bad!, true);
    const good = await memoTransactions(3);
    const [failed, ...confirmed] = await Promise.all([
      sender.confirm({
        signature: bad!.signature!,
        lastValidBlockHeight: bad!.lastValidBlockHeight,
        wire: bad!.wire,
      }),
      ...good.map((p) => sender.send({ wire: p.wire, lastValidBlockHeight: p.lastValidBlockHeight })),
    ]);
    expect(failed).toMatchObject({
      status: 'failed',
      signature: bad!.signature,
      error: { kind: 'program', programId: SPL_MEMO_PROGRAM_ADDRESS, instructionIndex: 1 },
    });
    expect(confirmed.map((r) => r.status)).toEqual(['confirmed', 'confirmed', 'confirmed']);
    sender.close();
  });

  it('an aborted waiter rejects with its reason and leaves the others polling', async () => {
    const { rpc, metrics } = recordedRpc();
    const sender = createTransactionSender({ rpc, pollIntervalMs: 50, resendIntervalMs: 300, metrics });
    const [lost, ...others] = await memoTransactions(4);
    h.validator.faults.set({ mode: 'drop', count: 4 }); // every first send is lost
    const controller = new AbortController();
    const aborted = sender.confirm({
      signature: lost!.signature!,
      lastValidBlockHeight: lost!.lastValidBlockHeight,
      signal: controller.signal,
    });
    await sendRaw(lost!);
    const rest = Promise.all(
      others.map((p) => sender.send({ wire: p.wire, lastValidBlockHeight: p.lastValidBlockHeight })),
    );
    await new Promise((r) => setTimeout(r, 100));
    const reason = new Error('request cancelled');
    controller.abort(reason);
    await expect(aborted).rejects.toBe(reason);
    expect((await rest).map((r) => r.status)).toEqual(['confirmed', 'confirmed', 'confirmed']);
    h.validator.faults.clear();
    expect(await pendingGauge(metrics)).toBe(0);
    sender.close();
  });

  it('status calls failing on every endpoint → network for that poll; the same call later decides', async () => {
    const { rpc } = recordedRpc({ maxRetries: 1 });
    const batcher = createSignatureStatusBatcher({ rpc, pollIntervalMs: 50 });
    const prepared = await memoTransactions(3);
    await Promise.all(prepared.map((p) => sendRaw(p)));
    const track = () =>
      Promise.all(
        prepared.map((p) =>
          batcher.confirm({ signature: p.signature!, lastValidBlockHeight: p.lastValidBlockHeight }),
        ),
      );
    h.validator.faults.set({ mode: 'fail', methods: ['getSignatureStatuses'] });
    try {
      expect((await track()).map((r) => r.status)).toEqual(['network', 'network', 'network']);
    } finally {
      h.validator.faults.clear();
    }
    expect((await track()).map((r) => r.status)).toEqual(['confirmed', 'confirmed', 'confirmed']);
    expect(batcher.pending()).toBe(0);
  });

  it('close ends pending waiters with `network` and stops polling', async () => {
    const { rpc, count } = recordedRpc();
    const batcher = createSignatureStatusBatcher({ rpc, pollIntervalMs: 20 });
    const waiting = batcher.confirm({ signature: randomSignature(), lastValidBlockHeight: 1n << 60n });
    await new Promise((r) => setTimeout(r, 100));
    batcher.close();
    expect((await waiting).status).toBe('network');
    expect(batcher.pending()).toBe(0);
    const polls = count('getSignatureStatuses');
    await new Promise((r) => setTimeout(r, 100));
    expect(count('getSignatureStatuses')).toBe(polls);
    expect(
      (await batcher.confirm({ signature: randomSignature(), lastValidBlockHeight: 1n << 60n })).status,
    ).toBe('network');
  });
});
