/**
 * RPC requests spent confirming transactions, and the latency of one send + confirm.
 *
 *   npx tsx bench/chain/confirmation-requests.ts [--batch=64] [--rounds=3] [--singles=20] [--coalesce=ms]
 *
 * Against the bundled local validator over HTTP, with the app's sender settings (poll 400 ms,
 * resend 2 s). Requests are counted per method by the RPC client's own metrics, i.e. HTTP
 * requests made. Each figure is printed for two ways of tracking:
 * - `per signature`: sendTransaction, then a polling loop of its own per signature
 *   (`confirmSignature`), which is how the sender tracked signatures before the shared loop;
 * - `shared`: the transaction sender, whose one loop polls every pending signature at once.
 *
 * Scenarios:
 * 1. batch landing at once: `--batch` memo transactions sent concurrently (the validator executes
 *    them when sent, so each needs one status check).
 * 2. batch in flight ~2 s: the same, but the validator drops every first send (fault `drop`), so
 *    each lands only with the resend 2 s later: the "64 sends in flight" of a real cluster.
 * 3. single: `--singles` sequential send + confirm, the two ways alternating; median and p90 ms.
 */
import { generateKeyPairSigner, type KeyPairSigner } from '@solana/kit';
import { startLocalValidator } from '@insignia/local-validator';
import { createMetricsRegistry } from '../../apps/server/src/http/metrics.ts';
import { createChainRpc, type ChainRpc } from '../../apps/server/src/chain/create-chain-rpc.ts';
import { createTransactionSender } from '../../apps/server/src/chain/create-transaction-sender.ts';
import { confirmSignature } from '../../apps/server/src/chain/confirm-signature.ts';
import { createBaseMessage, resolveLifetime } from '../../apps/server/src/chain/create-base-message.ts';
import { getMemoInstruction } from '../../apps/server/src/chain/get-memo-instruction.ts';
import {
  prepareTransaction,
  type PreparedTransaction,
} from '../../apps/server/src/chain/prepare-transaction.ts';
import type { SendResult } from '../../apps/server/src/chain/send-result.ts';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const BATCH = Number(arg('batch') ?? 64);
const ROUNDS = Number(arg('rounds') ?? 3);
const SINGLES = Number(arg('singles') ?? 20);
/** The shared loop's coalescing window; the app's default when not given. */
const COALESCE = arg('coalesce');
const METHODS = ['getSignatureStatuses', 'getBlockHeight', 'sendTransaction'] as const;
const RESEND_MS = 2000;

type Track = (p: PreparedTransaction) => Promise<SendResult>;

async function requestsByMethod(
  registry: ReturnType<typeof createMetricsRegistry>,
): Promise<Record<string, number>> {
  const metric = await registry.getSingleMetric('insignia_chain_rpc_requests_total')?.get();
  const out: Record<string, number> = {};
  for (const v of metric?.values ?? []) {
    const method = String(v.labels.method);
    out[method] = (out[method] ?? 0) + v.value;
  }
  return out;
}

async function memoTransactions(chain: ChainRpc, payer: KeyPairSigner, n: number, tag: string) {
  const lifetime = await resolveLifetime(chain);
  const nonce = crypto.randomUUID();
  return Promise.all(
    Array.from({ length: n }, (_, i) =>
      prepareTransaction(createBaseMessage(payer, lifetime, [getMemoInstruction(`${tag}-${nonce}-${i}`)])),
    ),
  );
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)] ?? NaN;
const p90 = (xs: number[]) => sorted(xs)[Math.floor(xs.length * 0.9)] ?? NaN;

async function main() {
  const validator = await startLocalValidator({ port: 0, dataDir: null, enableFaultControl: true });
  try {
    const registry = createMetricsRegistry();
    const chain = createChainRpc({
      urls: [validator.url],
      commitment: 'confirmed',
      timeoutMs: 10_000,
      maxRetries: 4,
      metrics: registry,
    });
    const { rpc } = chain;
    // The app's settings (create-chain.ts): default poll interval, resend every 2 s.
    const sender = createTransactionSender({
      rpc,
      commitment: 'confirmed',
      resendIntervalMs: RESEND_MS,
      ...(COALESCE === undefined ? {} : { coalesceMs: Number(COALESCE) }),
    });
    const send = (p: PreparedTransaction) =>
      rpc.sendTransaction(p.wire, { encoding: 'base64', preflightCommitment: 'confirmed' }).send();
    const ways: [string, Track][] = [
      [
        'per signature',
        async (p) => {
          await send(p);
          return confirmSignature({
            rpc,
            signature: p.signature!,
            lastValidBlockHeight: p.lastValidBlockHeight,
            resend: { everyMs: RESEND_MS, send: () => send(p) },
          });
        },
      ],
      ['shared', (p) => sender.send({ wire: p.wire, lastValidBlockHeight: p.lastValidBlockHeight })],
    ];
    const payer = await generateKeyPairSigner();
    await validator.airdrop(payer.address, 100n * 1_000_000_000n);

    const batch = async (label: string, track: Track, fault: () => void) => {
      const perSignature: Record<string, number[]> = {};
      const seconds: number[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        const prepared = await memoTransactions(chain, payer, BATCH, label);
        fault();
        const before = await requestsByMethod(registry);
        const t0 = performance.now();
        const results = await Promise.all(prepared.map(track));
        seconds.push((performance.now() - t0) / 1000);
        validator.faults.clear();
        const confirmed = results.filter((r) => r.status === 'confirmed').length;
        if (confirmed !== BATCH) throw new Error(`${label}: ${confirmed}/${BATCH} confirmed`);
        const after = await requestsByMethod(registry);
        for (const method of METHODS)
          (perSignature[method] ??= []).push(((after[method] ?? 0) - (before[method] ?? 0)) / confirmed);
      }
      const figures = METHODS.map((m) => `${m} ${median(perSignature[m] ?? []).toFixed(3)}`).join('  ');
      console.log(`${label.padEnd(40)} ${figures}  batch ${median(seconds).toFixed(2)} s`);
    };

    console.log(
      `\n# ${BATCH} concurrent sends: requests per confirmed signature, median of ${ROUNDS} rounds\n`,
    );
    for (const [way, track] of ways) {
      await batch(`${way}, landing at once`, track, () => validator.faults.clear());
      await batch(`${way}, in flight ~2 s`, track, () =>
        validator.faults.set({ mode: 'drop', count: BATCH }),
      );
    }

    console.log(`\n# ${SINGLES} sequential send + confirm each way (alternating)\n`);
    const wall = new Map<string, number[]>(ways.map(([way]) => [way, []]));
    for (let i = 0; i < SINGLES; i += 1) {
      for (const [way, track] of ways) {
        const [p] = await memoTransactions(chain, payer, 1, 'single');
        const t0 = performance.now();
        const r = await track(p!);
        wall.get(way)!.push(performance.now() - t0);
        if (r.status !== 'confirmed') throw new Error(`single: ${r.status}`);
      }
    }
    for (const [way, ms] of wall)
      console.log(`${way.padEnd(14)} wall ms: median ${median(ms).toFixed(1)}  p90 ${p90(ms).toFixed(1)}`);
    sender.close();
  } finally {
    await validator.close();
  }
}

await main();
