/**
 * What one unlock costs the server: main-thread busy time (event-loop utilisation) and wall
 * time of `POST /api/nft/unlock` (prepare) and of the submit, one request at a time, through
 * the whole app (`app.inject`) on PostgreSQL with the local validator in process. The busy
 * time is what caps throughput under load (bench/load/mixed.ts), so it is the figure to watch.
 *
 * Run: `npx tsx bench/nft/unlock-cost.ts`
 * Env: BENCH_DATABASE_URL (default the local PostgreSQL `test` database; a throwaway database
 * is created on it), BENCH_UNLOCKS (60), BENCH_PROFILE=file.cpuprofile to write a CPU profile
 * of the prepares.
 */
import { writeFileSync } from 'node:fs';
import type { PreparedNftTransaction } from '@insignia/contract';
import { Session } from 'node:inspector/promises';
import { createTestApp } from '../../apps/server/src/test-support/test-app.ts';
import { newChainUser, type ChainUser } from '../../apps/server/src/test-support/test-chain-user.ts';

process.env.TEST_DATABASE_URL ??= process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const unlocks = Number(process.env.BENCH_UNLOCKS ?? 60);
const warmup = 10;

const t = await createTestApp({});
try {
  const people: ChainUser[] = [];
  for (let i = 0; i < warmup + unlocks; i++) people.push(await newChainUser(t, { volumeUsd: '600000' }));

  const prepare = (u: ChainUser): Promise<PreparedNftTransaction> =>
    u.call('POST', '/api/nft/unlock').then((r) => r.json());
  const submit = async (u: ChainUser, prepared: PreparedNftTransaction) => {
    const res = await u.call('POST', `/api/nft/requests/${prepared.requestId}/submit`, {
      signedTransaction: await u.sign(prepared),
    });
    if (res.json().status !== 'completed') throw new Error(`unlock did not complete: ${res.body}`);
  };
  for (const u of people.slice(0, warmup)) await submit(u, await prepare(u));

  /** Runs `step` for every measured person; busy and wall milliseconds per call. */
  const measure = async (step: (u: ChainUser, i: number) => Promise<unknown>) => {
    const started = performance.now();
    const elu = performance.eventLoopUtilization();
    for (const [i, u] of people.slice(warmup).entries()) await step(u, i);
    const busy = performance.eventLoopUtilization(elu).active;
    return { busy: busy / unlocks, wall: (performance.now() - started) / unlocks };
  };

  const session = process.env.BENCH_PROFILE ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const prepared: PreparedNftTransaction[] = [];
  const prepares = await measure(async (u) => prepared.push(await prepare(u)));
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify(profile));
  }
  const submits = await measure((u, i) => submit(u, prepared[i]!));

  console.log(`unlock cost, ${unlocks} unlocks one at a time (PostgreSQL, validator in process)`);
  console.log(`prepare  busy ${prepares.busy.toFixed(1)} ms  wall ${prepares.wall.toFixed(1)} ms`);
  console.log(`submit   busy ${submits.busy.toFixed(1)} ms  wall ${submits.wall.toFixed(1)} ms`);
} finally {
  await t.close();
}
