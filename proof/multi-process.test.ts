import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request, type ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createScratchDatabase,
  type ScratchDatabase,
} from '../apps/server/src/test-support/scratch-database.ts';
import { createApiUser } from './helpers/api-user.ts';
import { adminConsole, waitUntil } from './helpers/badge-flow.ts';
import { callApi } from './helpers/call-api.ts';
import { checkBadgeHoldings, vaultAddress } from './helpers/check-badge-deliveries.ts';
import { maybeUnset } from './helpers/maybe-unset.ts';
import { completeFlow } from './helpers/nft-flow.ts';
import { ServerExitedError, startServerProcess, type ServerProcess } from './helpers/server-process.ts';

const databaseUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;
const describeShared = databaseUrl && redisUrl ? describe : describe.skip;

/** The server processes the primary forked: its node children running the server (not tsx's esbuild). */
function serverChildren(primary: number): number[] {
  const children = readdirSync(`/proc/${primary}/task`).flatMap((task) =>
    readFileSync(`/proc/${primary}/task/${task}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number),
  );
  return children.filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('main.ts');
    } catch {
      return false; // exited meanwhile
    }
  });
}

/** CPU time (clock ticks, user + system) a process has used so far; 0 once it is gone. */
function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** One GET on a connection of its own: the cluster hands out connections, not requests. */
const getFresh = (url: string) =>
  new Promise<number>((resolve, reject) => {
    request(url, { agent: false, timeout: 5_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    })
      .on('timeout', function (this: ClientRequest) {
        this.destroy(new Error(`no answer from ${url} in 5 s`));
      })
      .on('error', reject)
      .end();
  });

/**
 * Sends `count` requests for the OpenAPI document (about 15 ms of CPU each, well above a
 * process's idle work) 8 at a time on fresh connections; each process's share of the CPU used.
 */
async function cpuShares(server: ServerProcess, count: number): Promise<Map<number, number>> {
  const pids = serverChildren(server.pid);
  const before = new Map(pids.map((pid) => [pid, cpuTicks(pid)]));
  let next = 0;
  const statuses: number[] = [];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next++ < count) statuses.push(await getFresh(`${server.url}/api/docs/json`));
    }),
  );
  expect(new Set(statuses)).toEqual(new Set([200]));
  const used = new Map(pids.map((pid) => [pid, cpuTicks(pid) - before.get(pid)!]));
  const total = [...used.values()].reduce((a, b) => a + b, 0);
  return new Map([...used].map(([pid, ticks]) => [pid, ticks / total]));
}

describeShared(
  `PROCESSES=2 on PostgreSQL and Redis: one port, shared queues${databaseUrl && redisUrl ? '' : ' (skipped: needs TEST_DATABASE_URL and TEST_REDIS_URL; CI runs it in its PostgreSQL pass)'}`,
  () => {
    let scratch: ScratchDatabase | undefined;
    let dataDir: string | undefined;
    let server: ServerProcess;
    const ingestApiKey = `ik_${randomBytes(18).toString('base64url')}`;
    const adminPassword = `pw-${randomBytes(9).toString('base64url')}`;

    beforeAll(async () => {
      scratch = await createScratchDatabase(databaseUrl!, 'insignia_processes');
      dataDir = await mkdtemp(join(tmpdir(), 'insignia-processes-'));
      // No SOLANA_RPC_URLS: the primary hosts the bundled validator for both processes.
      server = await startServerProcess({
        dataDir,
        env: {
          DATABASE_URL: scratch.url,
          REDIS_URL: redisUrl,
          PROCESSES: '2',
          INGEST_API_KEY: ingestApiKey,
          ADMIN_EMAIL: 'admin@proof.test',
          ADMIN_PASSWORD: adminPassword,
          SHUTDOWN_DRAIN_SECONDS: '3',
          // The rate limits live in the shared Redis, where the pass's other servers register
          // people from the same address.
          LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
        },
      });
    }, 60_000);
    afterAll(async () => {
      await maybeUnset(server)?.kill();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
      await scratch?.drop();
    });

    it('two processes share the port and both serve requests; the banner says so once', async () => {
      expect(server.output().match(/Insignia is running/g)).toHaveLength(1);
      expect(server.output()).toMatch(/Processes\s+2,/);
      expect(serverChildren(server.pid)).toHaveLength(2);
      const shares = await cpuShares(server, 30);
      for (const share of shares.values()) expect(share).toBeGreaterThan(0.2);
    });

    it('every process knows the chain is the bundled test validator: local network, faucet', async () => {
      const person = await createApiUser(
        { url: server.url, rpcUrl: server.rpcUrl, ingestApiKey },
        { sol: 0n },
      );
      // Several calls, so both processes answer some of them.
      for (let i = 0; i < 6; i++) {
        const config = await callApi(server.url, 'GET', '/api/config/public');
        expect(config.body).toMatchObject({ network: 'local', localValidator: true });
      }
      const funded = await person.call('POST', '/api/dev/faucet');
      expect(funded.status, funded.text).toBe(200);
      const challenge = await person.call('GET', `/api/auth/siws/challenge?address=${person.wallet.address}`);
      expect(challenge.body.message).toContain('solana:localnet');
    });

    it('an unlock and a badge issuance complete end to end, whichever process takes each step', async () => {
      const endpoint = { url: server.url, rpcUrl: server.rpcUrl, ingestApiKey };
      const person = await createApiUser(endpoint, { volumeUsd: '100000' });
      expect(await completeFlow(person, 'unlock')).toBeTruthy();

      const login = await callApi(server.url, 'POST', '/api/auth/login', {
        body: { email: 'admin@proof.test', password: adminPassword },
      });
      const admin = adminConsole(() => server.url, login.body.token as string);
      const badge = await admin.createChainBadge('Multi-process');
      const batchId = await admin.issue(badge.id, [person.id]);
      await waitUntil(async () => (await admin.batch(batchId)).status === 'completed', 30_000, 'batch');
      const holder = {
        userId: person.id,
        wallet: person.wallet.address,
        mint: badge.mintAddress,
        withWallet: true,
        claimed: false,
      };
      expect(await checkBadgeHoldings(server.rpcUrl!, await vaultAddress(dataDir!), [holder])).toEqual([]);
    }, 60_000);

    it('a server process killed with SIGKILL is replaced, and requests keep being answered', async () => {
      const [victim, survivor] = serverChildren(server.pid);
      process.kill(victim!, 'SIGKILL');
      // A connection the primary hands over in the instant before it learns of the death is
      // lost, as requests in flight in any crash are; from then on the survivor takes them all.
      await waitUntil(
        () => Promise.resolve(server.output().includes('exited unexpectedly; starting another')),
        5_000,
        'the primary to notice',
      );
      const statuses: number[] = [];
      // Until the replacement takes its share of the connections, every request is answered.
      await waitUntil(
        async () => {
          statuses.push(await getFresh(`${server.url}/readyz`).catch(() => 0));
          const now = serverChildren(server.pid);
          if (now.includes(victim!) || !now.includes(survivor!) || now.length !== 2) return false;
          const shares = await cpuShares(server, 16);
          return [...shares.values()].every((share) => share > 0.2);
        },
        30_000,
        'a replacement process serving',
      );
      expect(new Set(statuses)).toEqual(new Set([200]));
    }, 45_000);

    it('SIGTERM to the primary drains every process and exits 0, leaving no process behind', async () => {
      const children = serverChildren(server.pid);
      await server.stop();
      expect(await server.exited).toEqual({ code: 0, signal: null });
      await waitUntil(
        () => Promise.resolve(children.every((pid) => !existsSync(`/proc/${pid}`))),
        5_000,
        'the children',
      );
    }, 30_000);
  },
);

describe('PROCESSES above 1 on the embedded database', () => {
  it('is refused at start, saying what to set', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'insignia-processes-refused-'));
    try {
      const started = startServerProcess({ dataDir, env: { PROCESSES: '2' }, timeoutMs: 30_000 });
      const refused = await started.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(refused).toBeInstanceOf(ServerExitedError);
      const { exit, output } = refused as ServerExitedError;
      expect(exit.code).toBe(1);
      expect(output).toContain('PROCESSES: above 1 needs DATABASE_URL (PostgreSQL)');
      expect(output).not.toContain('Insignia is running');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
