import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiUser, type ApiUser } from './helpers/api-user.ts';
import { adminConsole, waitUntil, type AdminConsole } from './helpers/badge-flow.ts';
import { callApi, type ApiResponse } from './helpers/call-api.ts';
import { countCase, printCaseCounts } from './helpers/case-counter.ts';
import { maybeUnset } from './helpers/maybe-unset.ts';
import { findPostgresBin, startPrivatePostgres, type PrivatePostgres } from './helpers/private-postgres.ts';
import { startServerProcess, type ServerProcess } from './helpers/server-process.ts';

/**
 * The real server (API and workers, one process) on a PostgreSQL of its own that is restarted,
 * has its connections killed, or is frozen while trades stream in and a badge batch mints.
 * While the database is gone every answer is a 503 with a code (never a 500, never a hang);
 * the process never exits; once it is back the same process serves again and finishes the work.
 */
const SUITE = 'reliability (PostgreSQL)';
afterAll(() => printCaseCounts(SUITE));

const postgresBin = findPostgresBin();
if (!postgresBin && process.env.CI === 'true')
  throw new Error('initdb/pg_ctl not found: CI must run the PostgreSQL reliability cases');
const describeWithPostgres = postgresBin ? describe : describe.skip;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Numbers every trade of the file: an id reused across cases would count as a duplicate. */
let tradeSeq = 0;

/** Trades posted in a loop, as the trading platform does; refused batches are kept to resend. */
function startTradeLoad(server: () => ServerProcess, ingestApiKey: string, people: ApiUser[]) {
  const answers: Array<{ status: number | 'network'; code?: string }> = [];
  const refused: Array<Array<{ id: string; userId: string; volumeUsd: string; executedAt: string }>> = [];
  const sentPerUser = new Map<string, number>();
  const stopping = new AbortController();
  const post = (trades: (typeof refused)[number]) =>
    callApi(server().url, 'POST', '/api/trades', {
      headers: { 'x-api-key': ingestApiKey },
      body: { trades },
      timeoutMs: 30_000,
    }).catch((): ApiResponse => ({ status: 0, body: undefined, text: 'network error' }));
  const loop = (async () => {
    while (!stopping.signal.aborted) {
      const trades = people.map((p) => ({
        id: `rel-${process.pid}-${++tradeSeq}-${p.id}`,
        userId: p.id,
        volumeUsd: '1',
        executedAt: new Date().toISOString(),
      }));
      for (const p of people) sentPerUser.set(p.id, (sentPerUser.get(p.id) ?? 0) + 1);
      const res = await post(trades);
      answers.push({ status: res.status || 'network', code: res.body?.error?.code });
      if (res.status !== 200) {
        refused.push(trades);
        await sleep(100);
      }
    }
  })();
  return {
    answers,
    sentPerUser,
    async stop() {
      stopping.abort();
      await loop;
    },
    /** Resends what was refused (a trade already recorded counts once) until all is taken. */
    async resendRefused() {
      for (const trades of refused.splice(0)) {
        await waitUntil(async () => (await post(trades)).status === 200, 30_000, 'a resent batch');
      }
    },
  };
}

/** The answers that were not 200: each must be a 503 SERVICE__UNAVAILABLE. */
function unexpectedAnswers(answers: Array<{ status: number | 'network'; code?: string }>) {
  return answers.filter((a) => a.status !== 200 && !(a.status === 503 && a.code === 'SERVICE__UNAVAILABLE'));
}

describeWithPostgres(
  `PostgreSQL restarted, its connections killed, or frozen under the full server: 503 with a code, never an exit${postgresBin ? '' : ' (skipped: no initdb/pg_ctl on this machine)'}`,
  () => {
    const ingestApiKey = `ik_${randomBytes(18).toString('base64url')}`;
    const adminPassword = `pw-${randomBytes(9).toString('base64url')}`;
    let cluster: PrivatePostgres;
    let dataDir: string;
    let server: ServerProcess;
    let admin: AdminConsole;
    let people: ApiUser[];
    let badges = 0;

    beforeAll(async () => {
      cluster = await startPrivatePostgres(postgresBin!);
      dataDir = await mkdtemp(join(tmpdir(), 'insignia-reliability-pg-'));
      server = await startServerProcess({
        dataDir,
        env: {
          DATABASE_URL: cluster.url,
          ADMIN_EMAIL: 'admin@proof.test',
          ADMIN_PASSWORD: adminPassword,
          INGEST_API_KEY: ingestApiKey,
          LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
        },
      });
      const login = await callApi(server.url, 'POST', '/api/auth/login', {
        body: { email: 'admin@proof.test', password: adminPassword },
      });
      admin = adminConsole(() => server.url, login.body.token);
      const endpoint = { url: server.url, rpcUrl: server.rpcUrl, ingestApiKey };
      people = [];
      for (let i = 0; i < 6; i++) people.push(await createApiUser(endpoint, { sol: 0n }));
    }, 240_000);
    afterAll(async () => {
      await maybeUnset(server)?.kill();
      await maybeUnset(cluster)?.destroy();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    /** Throws with the server's last output when its process has exited. */
    async function failIfExited(): Promise<void> {
      const exit = await Promise.race([server.exited, sleep(0).then(() => undefined)]);
      if (exit)
        throw new Error(
          `the server process exited (code ${exit.code}, signal ${exit.signal}):\n${server.output().slice(-3_000)}`,
        );
    }
    /** GET /api/me as the person, at most `timeoutMs`; an exited server fails the test with its output. */
    const me = (person: ApiUser, timeoutMs = 20_000) =>
      callApi(server.url, 'GET', '/api/me', { token: person.token, timeoutMs }).catch(
        async (err: unknown) => {
          await failIfExited();
          throw err;
        },
      );

    /** Trades sent to each person over all cases: their volume must end up exactly this. */
    const sentTotals = new Map<string, number>();

    /** Trades and a badge batch running while `fault` breaks the database and `heal` mends it. */
    async function underLoad(fault: () => Promise<void>, heal: () => Promise<void>) {
      const load = startTradeLoad(() => server, ingestApiKey, people);
      const badge = await admin.createChainBadge(`Reliability ${++badges}`);
      const batchId = await admin.issue(
        badge.id,
        people.map((p) => p.id),
      );
      await sleep(1_500);
      const before = load.answers.length;
      const faultAt = Date.now();
      await fault();
      // While it is broken: the API answers, with 503 and a code.
      let first503Ms: number | undefined;
      const probeUntil = Date.now() + 4_000;
      while (Date.now() < probeUntil) {
        const res = await me(people[0]!);
        expect([200, 503], res.text).toContain(res.status);
        if (res.status === 503) {
          expect(res.body.error.code).toBe('SERVICE__UNAVAILABLE');
          first503Ms ??= Date.now() - faultAt;
        }
        await sleep(200);
      }
      await heal();
      const healedAt = Date.now();
      await waitUntil(async () => (await me(people[0]!)).status === 200, 60_000, 'recovery');
      const recoverMs = Date.now() - healedAt;
      await sleep(1_000);
      await load.stop();
      for (const [id, n] of load.sentPerUser) sentTotals.set(id, (sentTotals.get(id) ?? 0) + n);
      const refusedCount = load.answers.slice(before).filter((a) => a.status !== 200).length;
      expect(unexpectedAnswers(load.answers), JSON.stringify(load.answers.slice(-20))).toEqual([]);
      // Work resumes on the same process: every trade counts exactly once, the batch completes.
      await load.resendRefused();
      await waitUntil(async () => (await admin.batch(batchId)).status === 'completed', 120_000, 'the batch');
      for (const p of people) {
        const status = await p.call('GET', '/api/nft/status');
        expect(status.status).toBe(200);
        expect(Number(status.body.volumeUsd)).toBe(sentTotals.get(p.id));
      }
      await failIfExited();
      return { first503Ms, recoverMs, trades: load.answers.length, refusedCount };
    }

    it('(a) pg_ctl stop -m fast under load, then start: 503s meanwhile, then the same process resumes', async () => {
      countCase(SUITE);
      const figures = await underLoad(
        () => cluster.stop(),
        () => cluster.start(),
      );
      console.log(
        `[reliability] restart: first 503 after ${figures.first503Ms} ms, recovered ${figures.recoverMs} ms after start; ${figures.trades} trade posts, ${figures.refusedCount} refused with 503`,
      );
      expect(figures.first503Ms).toBeDefined();
    }, 300_000);

    it('(b) pg_terminate_backend of every app connection, again and again under load: the same', async () => {
      countCase(SUITE);
      const url = new URL(cluster.url);
      url.pathname = '/postgres';
      const dba = new pg.Client({ connectionString: url.toString() });
      dba.on('error', () => undefined);
      await dba.connect();
      let ended = 0;
      // Again and again for 6 s: connections die as they are checked out, mid-transaction,
      // and between a transaction's statements.
      const figures = await underLoad(
        async () => {
          for (const until = Date.now() + 6_000; Date.now() < until;) {
            const { rows } = await dba.query(
              `select pg_terminate_backend(pid) from pg_stat_activity
                where datname = 'proof' and pid <> pg_backend_pid()`,
            );
            ended += rows.length;
            await sleep(100);
          }
        },
        () => Promise.resolve(),
      ).finally(() => dba.end());
      console.log(
        `[reliability] pg_terminate_backend: ${ended} connections ended; recovered ${figures.recoverMs} ms later; ${figures.trades} trade posts, ${figures.refusedCount} refused with 503`,
      );
      expect(ended).toBeGreaterThan(0);
    }, 300_000);

    it('(c) PostgreSQL frozen (SIGSTOP): a 503 with a code within seconds, and recovery after SIGCONT', async () => {
      countCase(SUITE);
      const frozenAt = Date.now();
      await cluster.pause();
      let answers: ApiResponse[];
      let answeredMs: number;
      try {
        answers = await Promise.all([
          me(people[1]!),
          callApi(server.url, 'POST', '/api/trades', {
            headers: { 'x-api-key': ingestApiKey },
            body: {
              trades: [
                {
                  id: `rel-frozen-${process.pid}`,
                  userId: people[1]!.id,
                  volumeUsd: '1',
                  executedAt: new Date().toISOString(),
                },
              ],
            },
            timeoutMs: 20_000,
          }),
        ]);
        answeredMs = Date.now() - frozenAt;
        // A second request while still frozen: the pool does not pile up behind the first.
        const again = Date.now();
        answers.push(await me(people[2]!));
        console.log(
          `[reliability] frozen: both first answers after ${answeredMs} ms, a later one after ${Date.now() - again} ms`,
        );
      } finally {
        await cluster.resume();
      }
      for (const res of answers) {
        expect(res.status, res.text).toBe(503);
        expect(res.body.error.code).toBe('SERVICE__UNAVAILABLE');
      }
      expect(answeredMs).toBeLessThan(15_000);
      const resumedAt = Date.now();
      await waitUntil(async () => (await me(people[1]!)).status === 200, 60_000, 'recovery');
      console.log(`[reliability] frozen: recovered ${Date.now() - resumedAt} ms after SIGCONT`);
      // The trade refused while frozen is taken now, once.
      sentTotals.set(people[1]!.id, (sentTotals.get(people[1]!.id) ?? 0) + 1);
      await waitUntil(
        async () =>
          (
            await callApi(server.url, 'POST', '/api/trades', {
              headers: { 'x-api-key': ingestApiKey },
              body: {
                trades: [
                  {
                    id: `rel-frozen-${process.pid}`,
                    userId: people[1]!.id,
                    volumeUsd: '1',
                    executedAt: new Date().toISOString(),
                  },
                ],
              },
            })
          ).status === 200,
        30_000,
        'the trade refused while frozen',
      );
      const status = await people[1]!.call('GET', '/api/nft/status');
      expect(Number(status.body.volumeUsd)).toBe(sentTotals.get(people[1]!.id));
      await failIfExited();
    }, 120_000);
  },
);
