/**
 * GET /api/nft/status with a warm cache against GET /healthz (a trivial route) on the same
 * server in the same run, with autocannon. The server runs as its own process, as in
 * production. Run: `npx tsx bench/status/status-vs-trivial.ts`
 * Env: BENCH_DATABASE_URL / BENCH_REDIS_URL (default: the local PostgreSQL `test` database
 * and Redis; set BENCH_EMBEDDED=1 for PGlite + in-process cache), BENCH_CONNECTIONS (50),
 * BENCH_SECONDS (10).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { freePort } from '../../apps/server/src/test-support/free-port.ts';
import {
  createScratchDatabase,
  type ScratchDatabase,
} from '../../apps/server/src/test-support/scratch-database.ts';

const embedded = process.env.BENCH_EMBEDDED === '1';
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const dataDir = await mkdtemp(join(tmpdir(), 'insignia-bench-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const ingestKey = 'bench-ingest-key-0123456789abcdef';

let scratch: ScratchDatabase | undefined;
if (!embedded) {
  // A throwaway database so the run starts clean.
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  scratch = await createScratchDatabase(adminUrl, 'insignia_bench');
}

const server = spawn('npx', ['tsx', 'apps/server/src/main.ts'], {
  env: {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    INGEST_API_KEY: ingestKey,
    SOLANA_LOCAL_PORT: String(await freePort()),
    ...(embedded
      ? {}
      : { DATABASE_URL: scratch?.url, REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379' }),
  },
  stdio: ['ignore', 'ignore', 'inherit'],
  detached: true,
});

try {
  for (let i = 0; ; i++) {
    if (
      await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (i > 120) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 500));
  }
  const json = (r: Response) => r.json() as Promise<Record<string, unknown>>;
  const { token, user } = (await json(
    await fetch(`${base}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench@example.com', password: 'bench password 1' }),
    }),
  )) as { token: string; user: { id: string } };
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

  const run = (path: string, h: Record<string, string> = {}) =>
    autocannon({ url: `${base}${path}`, connections, duration, headers: h });
  const trivial = await run('/healthz');
  const status = await run('/api/nft/status', headers);
  const row = (name: string, r: autocannon.Result) =>
    `${name.padEnd(18)} ${String(Math.round(r.requests.average)).padStart(7)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   errors ${r.errors + r.non2xx}`;
  console.log(
    `${embedded ? 'PGlite + in-process cache' : 'PostgreSQL + Redis'}, ${connections} connections, ${duration} s each`,
  );
  console.log(row('GET /healthz', trivial));
  console.log(row('GET /api/nft/status', status));
  console.log(
    `status/trivial throughput: ${(status.requests.average / trivial.requests.average).toFixed(2)}`,
  );
} finally {
  process.kill(-server.pid!, 'SIGTERM');
  await new Promise((r) => setTimeout(r, 1500));
  await rm(dataDir, { recursive: true, force: true });
  await scratch?.drop();
}
