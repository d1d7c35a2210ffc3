import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveMintSigner } from '../apps/server/src/chain/derive-mint-signer.ts';
import { createInstancePair } from './helpers/instance-pair.ts';
import { maybeUnset } from './helpers/maybe-unset.ts';
import { startServerProcess } from './helpers/server-process.ts';

const databaseUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;
const describeShared = databaseUrl && redisUrl ? describe : describe.skip;

/**
 * Two hosts of one deployment: one PostgreSQL and one Redis, but a data dir each. What one
 * signs the other accepts, both derive the same mint addresses, and a host configured with
 * another secret refuses to start instead of splitting the deployment.
 */
describeShared(
  `instances on separate hosts${databaseUrl && redisUrl ? '' : ' (skipped: needs TEST_DATABASE_URL and TEST_REDIS_URL; CI runs it in its PostgreSQL pass)'}`,
  () => {
    let pair: Awaited<ReturnType<typeof createInstancePair>>;
    const dirs: string[] = [];
    beforeAll(async () => {
      pair = await createInstancePair({
        adminDatabaseUrl: databaseUrl!,
        redisUrl: redisUrl!,
        env: { LOGIN_RATE_LIMIT_PER_MINUTE: '10000' },
      });
    }, 120_000);
    afterAll(async () => {
      await maybeUnset(pair)?.close();
      for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    });

    it('have separate data dirs, and neither keeps the secrets in its own', async () => {
      const [dirA, dirB] = pair.dataDirs;
      expect(dirA).not.toBe(dirB);
      for (const dir of pair.dataDirs) await expect(access(join(dir, 'secrets.json'))).rejects.toThrow();
    });

    it('a session from A works on B, and ends on both', async () => {
      const person = await pair.a.newUser();
      const headers = { authorization: `Bearer ${person.token}` };
      const onB = await pair.b.app.inject({ method: 'GET', url: '/api/me', headers });
      expect(onB.statusCode, onB.body).toBe(200);
      expect(onB.json().user.id).toBe(person.user.id);
      const logout = await pair.b.app.inject({ method: 'POST', url: '/api/auth/logout', headers });
      expect(logout.statusCode, logout.body).toBeLessThan(300);
      const onA = await pair.a.app.inject({ method: 'GET', url: '/api/me', headers });
      expect(onA.statusCode).toBe(401);
    });

    it('a mint address derived on A is the one B derives', async () => {
      for (const [purpose, id] of [
        ['level-nft', '6f1c2a54-1d9e-4b55-9a57-2f1e7d3c9b10'],
        ['badge-mint', 'a0e9f5d2-8c3b-4e71-9f0a-5b6c7d8e9f01'],
      ] as const) {
        const onA = await deriveMintSigner(pair.a.ctx.chain.mintKeySecret, purpose, id);
        const onB = await deriveMintSigner(pair.b.ctx.chain.mintKeySecret, purpose, id);
        expect(onB.address).toBe(onA.address);
      }
      expect(pair.b.ctx.chain.authority.address).toBe(pair.a.ctx.chain.authority.address);
    });

    it('a third host with another JWT_SECRET refuses to start, naming the setting', async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'insignia-third-'));
      dirs.push(dataDir);
      const started = Date.now();
      const failure = await startServerProcess({
        dataDir,
        env: {
          DATABASE_URL: pair.databaseUrl,
          REDIS_URL: redisUrl!,
          JWT_SECRET: 'another secret '.repeat(3),
        },
        timeoutMs: 60_000,
      }).then(
        async (server) => {
          await server.kill();
          return 'started';
        },
        (e: unknown) => (e instanceof Error ? e.message : String(e)),
      );
      console.log(`third host refused after ${Date.now() - started} ms`);
      expect(failure).toContain('JWT_SECRET differs from the value this deployment recorded in its database');
      expect(failure).not.toMatch(/^\s+at /m);
    }, 90_000);
  },
);
