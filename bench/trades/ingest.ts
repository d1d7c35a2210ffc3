/**
 * Server CPU per trade ingested through `POST /api/trades` (x-api-key) in batches of 1,000:
 * body parsing and validation, resolving users, the insert with idempotency, per-user
 * aggregates and status cache invalidation, all in the server. The figure is the server
 * processes' own CPU time (/proc), less what they use idle, divided by the trades sent, so the
 * bench and PostgreSQL sharing the machine do not blur it; the goal is at most 30 µs per trade.
 * A second pass resends the same batches (all duplicates). The server runs as in production,
 * as its own process(es), API role only.
 * Run: `npx tsx bench/trades/ingest.ts`
 * Env: BENCH_DATABASE_URL / BENCH_REDIS_URL (default the local PostgreSQL `test` database, on
 * which a throwaway database is created and dropped, and local Redis), BENCH_TRADES (total,
 * default 50,000), BENCH_USERS (1,000), BENCH_PROCESSES (the server's PROCESSES; default its own
 * choice), BENCH_PROFILE=dir for a CPU profile of the server.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createScratchDatabase } from '../../apps/server/src/test-support/scratch-database.ts';
import { startServerProcess } from '../../proof/helpers/server-process.ts';
import { processTreeCpu } from '../load/cpu-seconds.ts';

const GOAL_US = 30;
const TOTAL = Number(process.env.BENCH_TRADES ?? 50_000);
const USERS = Number(process.env.BENCH_USERS ?? 1_000);
const BATCH = 1_000;
const ingestKey = 'bench-ingest-key-0123456789abcdef';
const profileDir = process.env.BENCH_PROFILE;

const scratch = await createScratchDatabase(
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  'insignia_bench',
);
const dataDir = await mkdtemp(join(tmpdir(), 'insignia-bench-'));
const server = await startServerProcess({
  dataDir,
  nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  env: {
    ROLES: 'api',
    ...(process.env.BENCH_PROCESSES ? { PROCESSES: process.env.BENCH_PROCESSES } : {}),
    INGEST_API_KEY: ingestKey,
    DATABASE_URL: scratch.url,
    REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
  },
});
const client = new pg.Client({ connectionString: scratch.url });

try {
  // The server has migrated the database; the users are written straight to it.
  await client.connect();
  const { rows } = await client.query<{ id: string }>(
    `insert into users (email) select 'bench-' || i || '@example.com' from generate_series(1, $1) i returning id`,
    [USERS],
  );
  const userIds = rows.map((r) => r.id);

  const batchBody = (b: number, prefix = 'ingest') =>
    JSON.stringify({
      trades: Array.from({ length: BATCH }, (_, i) => ({
        id: `${prefix}-${b}-${i}`,
        userId: userIds[(b * BATCH + i) % USERS],
        volumeUsd: `${(i % 997) + 1}.25`,
        executedAt: '2026-11-01T12:00:00Z',
      })),
    });
  const send = async (body: string) => {
    const res = await fetch(`${server.url}/api/trades`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': ingestKey },
      body,
    });
    if (!res.ok) throw new Error(`ingest failed: ${res.status} ${(await res.text()).slice(0, 500)}`);
    return (await res.json()) as { inserted: number; duplicates: number };
  };
  const bodies = Array.from({ length: TOTAL / BATCH }, (_, b) => batchBody(b));
  // Batches first so the JIT has warmed up in every server process (not counted).
  for (let b = 0; b < 12; b++) await send(batchBody(b, 'warm-up'));

  // What the server processes use doing nothing (timers, heartbeats): at a few requests a
  // second it is a real share of a pass, so it is measured and taken off.
  const idleStart = processTreeCpu(server.pid)?.seconds ?? Number.NaN;
  await new Promise((r) => setTimeout(r, 3_000));
  const idlePerSecond = ((processTreeCpu(server.pid)?.seconds ?? Number.NaN) - idleStart) / 3;

  /** Sends every batch one after another; server µs of CPU per trade and the answers summed. */
  const pass = async () => {
    const before = processTreeCpu(server.pid)?.seconds ?? Number.NaN;
    const started = performance.now();
    let inserted = 0;
    let duplicates = 0;
    for (const body of bodies) {
      const r = await send(body);
      inserted += r.inserted;
      duplicates += r.duplicates;
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = (processTreeCpu(server.pid)?.seconds ?? Number.NaN) - before - idlePerSecond * seconds;
    return { us: (cpu * 1e6) / TOTAL, seconds, inserted, duplicates };
  };
  const fresh = await pass();
  const again = await pass();

  const check = await client.query<{ n: string }>(`select sum(trade_count)::text as n from user_volumes`);
  const line = (name: string, r: Awaited<ReturnType<typeof pass>>) =>
    `${name.padEnd(22)} ${r.us.toFixed(1).padStart(6)} µs server CPU/trade   ` +
    `${Math.round(TOTAL / r.seconds)} trades/s   inserted ${r.inserted}, duplicates ${r.duplicates}`;
  console.log(
    `${TOTAL} trades, ${USERS} users, batches of ${BATCH} (PostgreSQL + Redis); ` +
      `server idle CPU ${(idlePerSecond * 1000).toFixed(0)} ms/s, taken off below`,
  );
  console.log(line('new trades', fresh));
  console.log(line('resent (duplicates)', again));
  console.log(
    `goal <= ${GOAL_US} µs/trade for new trades: ${fresh.us <= GOAL_US ? 'met' : 'NOT met'}; ` +
      `aggregated trades ${check.rows[0]?.n}`,
  );
} finally {
  await client.end();
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
  await scratch.drop();
}
