/**
 * A mixed workload against the server (its primary and every process it forks) on PostgreSQL +
 * Redis + the bundled local validator: people reading their status, the platform ingesting trades, people unlocking and
 * upgrading their NFT (prepare, sign with a real keypair, submit, confirmed on chain), and an
 * admin issuing a blockchain badge to a few people at a time. Run at 1×, 4× and 16× the base
 * number of people (fresh people at each step). Each person pauses between operations (think
 * time) and tries an unlock or upgrade every few seconds, so 4× the people offer 4× the load;
 * reports throughput, p50/p99 latency and the error rate, per operation and overall.
 *
 * Run: `npx tsx bench/load/mixed.ts`
 * Env: BENCH_DATABASE_URL (default the local PostgreSQL `test` database; a throwaway database
 * is created on it), BENCH_REDIS_URL (default redis://127.0.0.1:6379), BENCH_BASE_USERS (8),
 * BENCH_SECONDS (20 per step), BENCH_THINK_MS (100), BENCH_NFT_EVERY_S (4), BENCH_STEPS (1,4,16;
 * e.g. 1,4,16,64 for 512 people at the top), BENCH_PROCESSES (the server's PROCESSES; unset, the
 * server's default: one per core on PostgreSQL + Redis, 1 on the embedded store),
 * BENCH_SERVER_NODE_ARGS (node flags for the server, e.g. `--cpu-prof --cpu-prof-dir=prof`),
 * BENCH_VALIDATOR (`process`, the default, or `embedded` inside the server process),
 * BENCH_STORE (`services`, the default, or `embedded`: PGlite and the in-memory cache, as
 * `npm start` runs without DATABASE_URL and REDIS_URL).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchDatabase } from '../../apps/server/src/test-support/scratch-database.ts';
import { createApiUser, type ApiUser } from '../../proof/helpers/api-user.ts';
import { adminConsole } from '../../proof/helpers/badge-flow.ts';
import { callApi } from '../../proof/helpers/call-api.ts';
import { mapLimit } from '../../proof/helpers/map-limit.ts';
import { startServerProcess } from '../../proof/helpers/server-process.ts';
import { commandCpuSeconds, cpuSecondsOf, ownCpuSeconds, processTreeCpu } from './cpu-seconds.ts';
import { createRecorder, type OperationStats } from './recorder.ts';
import { runPerson, type LoadContext } from './run-person.ts';
import { fundedKeypair, startValidatorProcess } from './validator-process.ts';

const baseUsers = Number(process.env.BENCH_BASE_USERS ?? 8);
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const steps = (process.env.BENCH_STEPS ?? '1,4,16').split(',').map(Number);
const thinkMs = Number(process.env.BENCH_THINK_MS ?? 100);
const nftEveryMs = Number(process.env.BENCH_NFT_EVERY_S ?? 4) * 1000;
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

const embeddedStore = process.env.BENCH_STORE === 'embedded';
const database = embeddedStore ? undefined : await createScratchDatabase(adminUrl, 'insignia_load');
const dataDir = await mkdtemp(join(tmpdir(), 'insignia-load-'));

// Inside the server process, as `npm start` runs it, or as a process of its own, as a real
// cluster would be (the default: the API then has its core to itself).
const validatorMode = process.env.BENCH_VALIDATOR === 'embedded' ? 'embedded' : 'process';
const validator =
  validatorMode === 'process' ? await startValidatorProcess(join(dataDir, 'validator')) : undefined;
const chainEnv = validator
  ? {
      SOLANA_RPC_URLS: validator.url,
      AUTHORITY_KEYPAIR: (await fundedKeypair(validator.url, 100n)).json,
      VAULT_KEYPAIR: (await fundedKeypair(validator.url, 10n)).json,
    }
  : {};
/** One node process serves alone; more are a primary and the workers it forked. */
const serverProcesses = (nodes: number) => (nodes > 1 ? `${nodes - 1} (+ the primary)` : '1');
const ingestApiKey = `ik_${randomBytes(18).toString('base64url')}`;
const adminPassword = `pw-${randomBytes(9).toString('base64url')}`;
const server = await startServerProcess({
  dataDir,
  // All of it: the error lines are searched at the end, after the last step's warnings.
  keepOutput: 200_000_000,
  nodeArgs: process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [],
  env: {
    ...(database ? { DATABASE_URL: database.url, REDIS_URL: redisUrl } : {}),
    ADMIN_EMAIL: 'admin@load.test',
    ADMIN_PASSWORD: adminPassword,
    INGEST_API_KEY: ingestApiKey,
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    // Undefined leaves it unset: the server's own default applies.
    PROCESSES: process.env.BENCH_PROCESSES,
    ...chainEnv,
  },
});

try {
  const endpoint = { url: server.url, rpcUrl: validator?.url ?? server.rpcUrl, ingestApiKey };
  const login = await callApi(server.url, 'POST', '/api/auth/login', {
    body: { email: 'admin@load.test', password: adminPassword },
  });
  const console_ = adminConsole(() => server.url, login.body.token as string);
  const badge = await console_.createChainBadge('Load test');
  const batches: string[] = [];
  console.log(
    `mixed load: ${seconds} s per step, ${baseUsers} people at 1x, think ${thinkMs} ms, ` +
      `an unlock/upgrade per person every ${nftEveryMs / 1000} s; ` +
      (database ? 'PostgreSQL + Redis' : 'PGlite + in-memory cache') +
      ' + local validator ' +
      (validator ? '(its own process)' : '(inside the server process)'),
  );
  const line = (cells: (string | number)[]) =>
    console.log(cells.map((c, i) => String(c).padEnd(i === 0 ? 17 : 9)).join(''));
  const row = (label: string, s: OperationStats, elapsed: number) =>
    line([
      label,
      s.count,
      (s.count / elapsed).toFixed(1),
      s.p50.toFixed(0),
      s.p99.toFixed(0),
      `${(s.errorRate * 100).toFixed(2)}%${s.codes ? ` ${s.codes}` : ''}`,
    ]);
  for (const factor of steps) {
    const count = baseUsers * factor;
    const people: ApiUser[] = await mapLimit(Array.from({ length: count }), 8, () =>
      createApiUser(endpoint, { volumeUsd: '100000', sol: 2n }),
    );
    const recorder = createRecorder();
    const ctx: LoadContext = {
      endpoint,
      people,
      recorder,
      thinkMs,
      nftEveryMs,
      unissued: people.map((p) => p.id),
      issue: async (userIds) => void batches.push(await console_.issue(badge.id, userIds)),
    };
    const cpuBefore = {
      // The primary and every server process under it, replaced ones included.
      server: processTreeCpu(server.pid)?.seconds,
      validator: validator && cpuSecondsOf(validator.pid),
      load: ownCpuSeconds(),
      // This machine's PostgreSQL and Redis (whoever else uses them counts too).
      postgres: commandCpuSeconds('postgres'),
      redis: commandCpuSeconds('redis-server'),
    };
    const started = performance.now();
    const until = Date.now() + seconds * 1000;
    await Promise.all(people.map((person) => runPerson(ctx, person, until)));
    // Operations under way at the deadline finish, so the step runs a little longer than asked.
    const elapsed = (performance.now() - started) / 1000;
    const share = (now: number | undefined, before: number | undefined) =>
      now === undefined || before === undefined
        ? 'n/a'
        : `${(((now - before) / elapsed) * 100).toFixed(0)}% of a core`;
    const serverTree = processTreeCpu(server.pid);
    console.log(
      `\n${factor}x: ${count} people for ${elapsed.toFixed(1)} s; ` +
        `server processes: ${serverTree ? serverProcesses(serverTree.nodeProcesses) : 'n/a'}; ` +
        `CPU: server ${share(serverTree?.seconds, cpuBefore.server)}` +
        (validator ? `, validator ${share(cpuSecondsOf(validator.pid), cpuBefore.validator)}` : '') +
        `, load generator ${(((ownCpuSeconds() - cpuBefore.load) / elapsed) * 100).toFixed(0)}% of a core` +
        (database
          ? `, PostgreSQL ${share(commandCpuSeconds('postgres'), cpuBefore.postgres)}` +
            `, Redis ${share(commandCpuSeconds('redis-server'), cpuBefore.redis)}`
          : ''),
    );
    line(['op', 'count', 'per s', 'p50 ms', 'p99 ms', 'errors']);
    for (const s of recorder.byOperation()) row(s.operation, s, elapsed);
    row('all', recorder.summary(), elapsed);
  }
  let issued = 0;
  for (const id of batches) issued += (await console_.batch(id)).counts.done ?? 0;
  console.log(`\nbadge issuance: ${batches.length} batches created; ${issued} issuances done by the end`);
  // A 5xx is a bug: show what the server logged for it.
  const errors = server
    .output()
    .split('\n')
    .filter((l) => l.includes('"level":50') || l.includes('"level":60'));
  if (errors.length > 0)
    console.log(`\nserver errors (${errors.length}, first 5):\n${errors.slice(0, 5).join('\n')}`);
} finally {
  await server.stop();
  await validator?.stop();
  await rm(dataDir, { recursive: true, force: true });
  await database?.drop();
}
