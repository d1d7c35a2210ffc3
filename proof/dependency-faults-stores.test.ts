import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userCacheKeys } from '../apps/server/src/cache/cache-keys.ts';
import { openDatabase, type Database } from '../apps/server/src/db/database.ts';
import { createTestApp, type TestApp } from '../apps/server/src/test-support/test-app.ts';
import { addVolume, newChainUser } from '../apps/server/src/test-support/test-chain-user.ts';
import { createApiUser } from './helpers/api-user.ts';
import { createAppOnValidator, type AppOnValidator } from './helpers/app-on-validator.ts';
import { callApi } from './helpers/call-api.ts';
import { countCase, printCaseCounts } from './helpers/case-counter.ts';
import { driveNftWorker } from './helpers/drive-nft-worker.ts';
import { maybeUnset } from './helpers/maybe-unset.ts';
import { findPostgresBin, startPrivatePostgres, type PrivatePostgres } from './helpers/private-postgres.ts';
import { startRedisServer, type RedisServer } from './helpers/redis-server.ts';
import { startServerProcess, type ServerProcess } from './helpers/server-process.ts';

const SUITE = 'dependency faults (stores)';
afterAll(() => printCaseCounts(SUITE));

const waitFor = async (check: () => boolean | Promise<boolean>, ms = 15_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('Redis down: the cache falls back to the database', () => {
  let redis: RedisServer;
  let t: TestApp;
  beforeAll(async () => {
    redis = await startRedisServer();
    t = await createTestApp({ REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await maybeUnset(t)?.close();
    await maybeUnset(redis)?.stop();
  });

  // Entries live under the cache's current generation (see redis-generation-store.ts).
  const cachedStatusKey = async (userId: string) =>
    `insignia:cache:${await t.ctx.redis!.get('insignia:cache:generation')}:${userCacheKeys.nftStatus(userId)}`;

  const volumeOf = async (u: {
    call: (m: 'GET', url: string) => Promise<{ statusCode: number; json(): { volumeUsd: string } }>;
  }) => {
    const res = await u.call('GET', '/api/nft/status');
    expect(res.statusCode).toBe(200);
    return res.json().volumeUsd;
  };

  it('status answers from the database while Redis is gone, fresh, and uses Redis again once it is back', async () => {
    countCase(SUITE);
    const u = await newChainUser(t, { volumeUsd: '100000' });
    expect(await volumeOf(u)).toBe('100000');
    expect(await t.ctx.redis!.exists(await cachedStatusKey(u.user.id))).toBe(1);

    await redis.stop();
    const started = Date.now();
    expect(await volumeOf(u)).toBe('100000');
    expect(Date.now() - started).toBeLessThan(3_000);
    await addVolume(t, u.user.id, '50000');
    expect(await volumeOf(u)).toBe('150000');
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().checks).toMatchObject({ database: 'ok' });
    // The whole unlock works without Redis.
    const prepared = (await u.call('POST', '/api/nft/unlock')).json();
    const done = await u.call('POST', `/api/nft/requests/${prepared.requestId}/submit`, {
      signedTransaction: await u.sign(prepared),
    });
    expect(done.json()).toMatchObject({ status: 'completed' });

    await redis.start();
    await waitFor(() => t.ctx.redis!.status === 'ready');
    expect((await u.call('GET', '/api/nft/status')).json().currentNft).toMatchObject({ level: 1 });
    expect(await t.ctx.redis!.exists(await cachedStatusKey(u.user.id))).toBe(1);
  });

  it('Redis frozen (a partition): status still answers, and no stale value survives it', async () => {
    countCase(SUITE);
    const u = await newChainUser(t, { volumeUsd: '100000' });
    expect(await volumeOf(u)).toBe('100000');
    redis.pause();
    try {
      await addVolume(t, u.user.id, '25000');
      expect(await volumeOf(u)).toBe('125000');
    } finally {
      redis.resume();
    }
    await waitFor(() => t.ctx.redis!.status === 'ready');
    await new Promise((r) => setTimeout(r, 500));
    expect(await volumeOf(u)).toBe('125000');
  });
});

describe('Redis down when the server starts', () => {
  let redis: RedisServer;
  let dataDir: string;
  let server: ServerProcess | undefined;
  beforeAll(async () => {
    redis = await startRedisServer();
    await redis.stop();
    dataDir = await mkdtemp(join(tmpdir(), 'insignia-redis-down-'));
  });
  afterAll(async () => {
    await server?.kill();
    await maybeUnset(redis)?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('the server starts and serves from the database, and takes Redis up once it appears', async () => {
    countCase(SUITE);
    const ingestApiKey = `ik_${randomBytes(18).toString('base64url')}`;
    server = await startServerProcess({
      dataDir,
      env: { REDIS_URL: redis.url, INGEST_API_KEY: ingestApiKey },
    });
    const person = await createApiUser(
      { url: server.url, rpcUrl: server.rpcUrl, ingestApiKey },
      { volumeUsd: '100000' },
    );
    expect((await person.call('GET', '/api/nft/status')).body).toMatchObject({
      volumeUsd: '100000',
      canUnlock: true,
    });
    expect((await callApi(server.url, 'GET', '/readyz')).status).toBe(503);
    await redis.start();
    await waitFor(async () => (await callApi(server!.url, 'GET', '/readyz')).status === 200, 30_000);
    expect((await person.call('GET', '/api/nft/status')).status).toBe(200);
  });
});

const postgresBin = findPostgresBin();
const inCi = process.env.CI === 'true';
if (!postgresBin && inCi) throw new Error('initdb/pg_ctl not found: CI must run the PostgreSQL restart case');
const describeWithPostgres = postgresBin ? describe : describe.skip;

describeWithPostgres(
  `PostgreSQL restarted mid-flow: 503 SERVICE__UNAVAILABLE, never 500, then resume${postgresBin ? '' : ' (skipped: no initdb/pg_ctl on this machine)'}`,
  () => {
    let cluster: PrivatePostgres;
    let database: Database;
    let h: AppOnValidator;
    beforeAll(async () => {
      cluster = await startPrivatePostgres(postgresBin!);
      database = await openDatabase({ databaseUrl: cluster.url, dataDir: null, poolSize: 5 });
      await database.migrate();
      h = await createAppOnValidator({}, { database });
    }, 120_000);
    afterAll(async () => {
      await maybeUnset(h)?.close();
      await maybeUnset(cluster)?.destroy();
    });

    it('while the database is down every route answers 503 with a code; after it is back the flow completes', async () => {
      const u = await h.newUser('100000');
      const prepared = (await u.call('POST', '/api/nft/unlock')).json();
      const signed = await u.sign(prepared);
      await cluster.stop();
      const tries = [
        () => u.call('GET', '/api/me'),
        () => u.call('GET', `/api/nft/requests/${prepared.requestId}`),
        () => u.call('POST', `/api/nft/requests/${prepared.requestId}/submit`, { signedTransaction: signed }),
        () => u.call('POST', '/api/nft/upgrade'),
        () =>
          h.t.app.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { email: 'x@example.com', password: 'whatever1' },
          }),
        () =>
          h.t.app.inject({
            method: 'POST',
            url: '/api/trades',
            headers: { 'x-api-key': h.t.ctx.config.ingestApiKey },
            payload: {
              trades: [
                { id: 'pg-down-1', userId: u.user.id, volumeUsd: '1', executedAt: new Date().toISOString() },
              ],
            },
          }),
      ];
      for (const attempt of tries) {
        countCase(SUITE);
        const res = await attempt();
        expect(res.statusCode, res.body).toBe(503);
        expect(res.json().error.code).toBe('SERVICE__UNAVAILABLE');
      }
      expect((await h.t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);

      await cluster.start();
      const submitted = await u.call('POST', `/api/nft/requests/${prepared.requestId}/submit`, {
        signedTransaction: signed,
      });
      expect(submitted.statusCode, submitted.body).toBe(200);
      expect(submitted.json().status).toBe('completed');
    });

    it('the database going away while a submit waits on the chain: 503, then the worker completes it', async () => {
      countCase(SUITE);
      const u = await h.newUser('100000');
      const prepared = (await u.call('POST', '/api/nft/unlock')).json();
      const signed = await u.sign(prepared);
      // The send is held for 4 s on the chain side; the database stops meanwhile.
      h.validator.faults.set({ mode: 'delay', delayMs: 4_000, methods: ['sendTransaction'], count: 1 });
      const submit = u.call('POST', `/api/nft/requests/${prepared.requestId}/submit`, {
        signedTransaction: signed,
      });
      await new Promise((r) => setTimeout(r, 1_000));
      await cluster.stop();
      const answer = await submit;
      expect(answer.statusCode, answer.body).toBe(503);
      expect(answer.json().error.code).toBe('SERVICE__UNAVAILABLE');

      await cluster.start();
      expect(await driveNftWorker(h.t, prepared.requestId)).toBe('completed');
      expect((await u.call('GET', '/api/nft/status')).json().currentNft).toMatchObject({
        level: 1,
        mintAddress: prepared.mintAddress,
      });
    });
  },
);
