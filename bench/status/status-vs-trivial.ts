/**
 * Server CPU per warm `GET /api/nft/status` against per `GET /healthz` (a trivial route), on
 * the same server process in the same run, loaded with autocannon. The figure is the server
 * process's own CPU time (/proc) divided by the requests it answered, so the load generator
 * sharing the machine does not blur it; the goal is a status read costing at most 1.5 times a
 * trivial one. The server runs as its own process (API role only: no worker polling in the
 * figures), as in production. Run: `npx tsx bench/status/status-vs-trivial.ts`
 * Env: BENCH_DATABASE_URL / BENCH_REDIS_URL (default: the local PostgreSQL `test` database
 * and Redis; set BENCH_EMBEDDED=1 for PGlite + in-process cache), BENCH_CONNECTIONS (50),
 * BENCH_SECONDS (3, per run; each route runs BENCH_ROUNDS times, default 5, alternating),
 * BENCH_LOG_LEVEL (warn; `info` logs every request as production does by default),
 * BENCH_PROCESSES (the server's PROCESSES; default its own choice), BENCH_PROFILE=dir to write
 * a CPU profile of the server there (`--cpu-prof`).
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import {
  createScratchDatabase,
  type ScratchDatabase,
} from '../../apps/server/src/test-support/scratch-database.ts';
import { startServerProcess } from '../../proof/helpers/server-process.ts';
import { processTreeCpu } from '../load/cpu-seconds.ts';

const GOAL = 1.5;
const embedded = process.env.BENCH_EMBEDDED === '1';
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const duration = Number(process.env.BENCH_SECONDS ?? 3);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const rate = Number(process.env.BENCH_RATE ?? 0);
const profileDir = process.env.BENCH_PROFILE;
const dataDir = await mkdtemp(join(tmpdir(), 'insignia-bench-'));
const ingestKey = 'bench-ingest-key-0123456789abcdef';

let scratch: ScratchDatabase | undefined;
if (!embedded) {
  // A throwaway database so the run starts clean.
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  scratch = await createScratchDatabase(adminUrl, 'insignia_bench');
}

const server = await startServerProcess({
  dataDir,
  nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  env: {
    ROLES: 'api',
    ...(process.env.BENCH_PROCESSES ? { PROCESSES: process.env.BENCH_PROCESSES } : {}),
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    INGEST_API_KEY: ingestKey,
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    ...(embedded
      ? {}
      : { DATABASE_URL: scratch?.url, REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379' }),
  },
});
const base = server.url;

try {
  const json = (r: Response) => r.json() as Promise<Record<string, unknown>>;
  const registered = await json(
    await fetch(`${base}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // A new mailbox each run: registrations per mailbox are limited through the shared Redis.
      body: JSON.stringify({ email: `bench-${randomUUID()}@example.com`, password: 'bench password 1' }),
    }),
  );
  const { token, user } = registered as { token?: string; user?: { id: string } };
  if (!token || !user) throw new Error(`register failed: ${JSON.stringify(registered)}`);
  await fetch(`${base}/api/trades`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': ingestKey },
    body: JSON.stringify({
      trades: [{ id: 'bench-1', userId: user.id, volumeUsd: '250000', executedAt: new Date().toISOString() }],
    }),
  });
  const headers = { authorization: `Bearer ${token}` };
  const warm = await fetch(`${base}/api/nft/status`, { headers });
  if (!warm.ok) throw new Error(`status failed: ${warm.status}`);

  /** One autocannon run; the server's CPU microseconds per answered request. */
  const run = async (path: string, h: Record<string, string> = {}) => {
    const before = processTreeCpu(server.pid)?.seconds ?? Number.NaN;
    const result = await autocannon({
      url: `${base}${path}`,
      connections,
      duration,
      headers: h,
      ...(rate ? { overallRate: rate } : {}),
    });
    const cpu = (processTreeCpu(server.pid)?.seconds ?? Number.NaN) - before;
    const answered = result['2xx'];
    if (result.errors + result.non2xx > 0)
      throw new Error(`${path}: ${result.errors + result.non2xx} failures`);
    return { cpuUs: (cpu * 1e6) / answered, rate: result.requests.average, p99: result.latency.p99 };
  };
  // A short run of each first, so neither pays for the JIT warming up.
  await autocannon({ url: `${base}/healthz`, connections, duration: 1 });
  await autocannon({ url: `${base}/api/nft/status`, connections, duration: 1, headers });

  const trivial: Awaited<ReturnType<typeof run>>[] = [];
  const status: Awaited<ReturnType<typeof run>>[] = [];
  for (let i = 0; i < rounds; i++) {
    trivial.push(await run('/healthz'));
    status.push(await run('/api/nft/status', headers));
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const row = (name: string, rs: Awaited<ReturnType<typeof run>>[]) =>
    `${name.padEnd(20)} ${mean(rs.map((r) => r.cpuUs))
      .toFixed(1)
      .padStart(7)} µs CPU/request   ` +
    `${String(Math.round(mean(rs.map((r) => r.rate)))).padStart(6)} req/s   p99 ${Math.max(...rs.map((r) => r.p99))} ms`;
  console.log(
    `${embedded ? 'PGlite + in-process cache' : 'PostgreSQL + Redis'}, ${connections} connections, ` +
      `${rounds} x ${duration} s each, log level ${process.env.BENCH_LOG_LEVEL ?? 'warn'}`,
  );
  console.log(row('GET /healthz', trivial));
  console.log(row('GET /api/nft/status', status));
  // Each round's pair ran back to back under the same load from whatever else shares the
  // machine; the median of the rounds' ratios is the figure least moved by it.
  const ratios = status.map((r, i) => r.cpuUs / trivial[i]!.cpuUs).sort((a, b) => a - b);
  const ratio = ratios[Math.floor(ratios.length / 2)]!;
  console.log(
    `status/trivial server CPU per request: ${ratio.toFixed(2)} (median of rounds: ${ratios.map((r) => r.toFixed(2)).join(', ')}; ` +
      `goal <= ${GOAL}: ${ratio <= GOAL ? 'met' : 'NOT met'})`,
  );
} finally {
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
  await scratch?.drop();
}
