import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthResponse } from '@insignia/contract';
import { users } from '../apps/server/src/auth/auth-schema.ts';
import { createTestApp, type TestApp } from '../apps/server/src/test-support/test-app.ts';
import { countCase, printCaseCounts } from './helpers/case-counter.ts';
import { createInstancePair } from './helpers/instance-pair.ts';
import { maybeUnset } from './helpers/maybe-unset.ts';
import { startRedisServer, type RedisServer } from './helpers/redis-server.ts';

const SUITE = 'security: logout and session revocation';
afterAll(() => printCaseCounts(SUITE));

type Inject = TestApp['app']['inject'];
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

/** The status and error code of a GET, e.g. `200` or `401 AUTH__TOKEN_INVALID`. */
async function probe(inject: Inject, url: string, token: string): Promise<string> {
  const res = await inject({ method: 'GET', url, headers: bearer(token) });
  return res.statusCode < 300 ? String(res.statusCode) : `${res.statusCode} ${res.json().error.code}`;
}

// One per kind of guard: the user read from the DB, the token trusted as signed (hot read), admin.
const USER_ROUTES = ['/api/me', '/api/nft/status', '/api/badges'];

describe('logout and revocation end a token before it expires', () => {
  let t: TestApp;
  let inject: Inject;
  const login = async (email: string, password: string) => {
    const res = await inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<AuthResponse>();
  };
  const logout = (token: string) =>
    inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(token) });

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '10000' });
    inject = t.app.inject.bind(t.app);
  });
  afterAll(async () => maybeUnset(t)?.close());

  it('logout ends this session on every route at once (cached verifications too), and only this one', async () => {
    const person = await t.newUser();
    const laptop = person.token;
    const phone = (await login(person.user.email, person.password)).token;
    // Warm every cache a token passes through.
    for (const url of USER_ROUTES) expect(await probe(inject, url, laptop)).toBe('200');

    const res = await logout(laptop);
    expect(res.statusCode, res.body).toBe(204);
    for (const url of USER_ROUTES) {
      countCase(SUITE);
      expect(await probe(inject, url, laptop), url).toBe('401 AUTH__TOKEN_INVALID');
      expect(await probe(inject, url, phone), url).toBe('200');
    }
    countCase(SUITE, 2);
    expect((await logout(laptop)).statusCode).toBe(401);
    expect((await inject({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(401);
  });

  it("an admin ends all of a user's sessions; the user can log in again", async () => {
    const admin = await t.newAdmin();
    const person = await t.newUser();
    const second = (await login(person.user.email, person.password)).token;
    const end = (id: string, token = admin.token) =>
      inject({ method: 'POST', url: `/api/admin/users/${id}/sessions/end`, headers: bearer(token) });

    countCase(SUITE, 4);
    expect((await end(person.user.id, person.token)).statusCode).toBe(403);
    expect((await end('not-a-uuid')).statusCode).toBe(400);
    const unknown = await end(randomUUID());
    expect(`${unknown.statusCode} ${unknown.json().error.code}`).toBe('404 USER__NOT_FOUND');
    expect(
      (await inject({ method: 'POST', url: `/api/admin/users/${person.user.id}/sessions/end` })).statusCode,
    ).toBe(401);

    const res = await end(person.user.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ endedSessions: 2 });
    for (const url of USER_ROUTES) {
      countCase(SUITE);
      expect(await probe(inject, url, person.token), url).toBe('401 AUTH__TOKEN_INVALID');
      expect(await probe(inject, url, second), url).toBe('401 AUTH__TOKEN_INVALID');
    }
    const again = (await login(person.user.email, person.password)).token;
    expect(await probe(inject, '/api/me', again)).toBe('200');
    // The admin's own session is untouched.
    expect(await probe(inject, '/api/admin/overview', admin.token)).toBe('200');
  });

  it('a demoted admin loses admin power on the next request', async () => {
    countCase(SUITE, 2);
    const admin = await t.newAdmin();
    expect(await probe(inject, '/api/admin/overview', admin.token)).toBe('200');
    await t.ctx.database.db.update(users).set({ role: 'user' }).where(eq(users.id, admin.user.id));
    expect(await probe(inject, '/api/admin/overview', admin.token)).toBe('403 AUTH__FORBIDDEN');
  });

  it("a token re-signed around another user's session, or with none, is refused", async () => {
    // Even with the signing secret, a session belongs to one user: a leaked secret is a bigger
    // problem, but a token must still name a live session of its own subject.
    const alice = await t.newUser();
    const bob = await t.newUser();
    const key = new TextEncoder().encode(t.ctx.config.jwtSecret);
    const sign = (claims: Record<string, unknown>, sub: string) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(sub)
        .setIssuer('insignia')
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(key);
    const { sid } = claimsOf(bob.token);
    countCase(SUITE, 3);
    expect(await probe(inject, '/api/nft/status', await sign({ role: 'user', sid }, alice.user.id))).toBe(
      '401 AUTH__TOKEN_INVALID',
    );
    expect(await probe(inject, '/api/nft/status', await sign({ role: 'user' }, alice.user.id))).toBe(
      '401 AUTH__TOKEN_INVALID',
    );
    expect(
      await probe(inject, '/api/me', await sign({ role: 'user', sid: 'x'.repeat(5000) }, alice.user.id)),
    ).toBe('401 AUTH__TOKEN_INVALID');
  });
});

const databaseUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;
const describeShared = databaseUrl && redisUrl ? describe : describe.skip;

/** Polls until `token` is refused on `inject`'s instance; how long it took, in ms. */
async function msUntilRefused(inject: Inject, token: string, budgetMs: number): Promise<number> {
  const started = Date.now();
  while ((await probe(inject, '/api/nft/status', token)) === '200' && Date.now() - started < budgetMs) {
    await new Promise((r) => setTimeout(r, 5));
  }
  return Date.now() - started;
}

describeShared(
  `revocation reaches every instance, with Redis up, down or frozen${databaseUrl && redisUrl ? '' : ' (skipped: needs TEST_DATABASE_URL and TEST_REDIS_URL; CI runs it in its PostgreSQL pass)'}`,
  () => {
    let redis: RedisServer;
    let pair: Awaited<ReturnType<typeof createInstancePair>>;
    beforeAll(async () => {
      // A private Redis, so it can be taken away without disturbing anyone else's.
      redis = await startRedisServer();
      pair = await createInstancePair({
        adminDatabaseUrl: databaseUrl!,
        redisUrl: redis.url,
        env: { LOGIN_RATE_LIMIT_PER_MINUTE: '10000' },
      });
      await Promise.all([pair.a.ctx.live.ready(), pair.b.ctx.live.ready()]);
    }, 120_000);
    afterAll(async () => {
      maybeUnset(redis)?.resume();
      await maybeUnset(pair)?.close();
      await maybeUnset(redis)?.stop();
    });

    /** A person logged in on A whose token instance B has just checked (and cached). */
    async function warmOnB() {
      const person = await pair.a.newUser();
      const injectB = pair.b.app.inject.bind(pair.b.app);
      for (const url of USER_ROUTES) expect(await probe(injectB, url, person.token)).toBe('200');
      return { person, injectB };
    }
    const logoutOnA = (token: string) =>
      pair.a.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(token) });

    it('a logout on instance A is honoured by instance B, whose caches had the token', async () => {
      const { person, injectB } = await warmOnB();
      const res = await logoutOnA(person.token);
      expect(res.statusCode, res.body).toBe(204);
      // Redis delivers the invalidation asynchronously: allow it a moment, and record how long.
      const delayMs = await msUntilRefused(injectB, person.token, 2000);
      console.log(`${SUITE}: instance B refused the logged-out token after ${delayMs} ms`);
      for (const url of USER_ROUTES) {
        countCase(SUITE);
        expect(await probe(injectB, url, person.token), url).toBe('401 AUTH__TOKEN_INVALID');
      }
      expect(delayMs).toBeLessThan(500);
    });

    it('with Redis gone, B trusts no cache: the logout still holds there', async () => {
      const { person, injectB } = await warmOnB();
      await redis.stop();
      await new Promise((r) => setTimeout(r, 300)); // B's subscriber sees its connection close
      const res = await logoutOnA(person.token);
      expect(res.statusCode, res.body).toBe(204);
      countCase(SUITE);
      expect(await probe(injectB, '/api/nft/status', person.token)).toBe('401 AUTH__TOKEN_INVALID');
      await redis.start();
    });

    it('with Redis frozen (the invalidation lost), B refuses the token within its 5 s cache bound', async () => {
      // Back from the outage above: wait until B uses (and so trusts) its cache again.
      await new Promise((r) => setTimeout(r, 1500));
      const { person, injectB } = await warmOnB();
      redis.pause();
      try {
        const res = await logoutOnA(person.token);
        expect(res.statusCode, res.body).toBe(204);
        const delayMs = await msUntilRefused(injectB, person.token, 8000);
        console.log(`${SUITE}: with Redis frozen, B refused the token after ${delayMs} ms`);
        countCase(SUITE);
        expect(delayMs).toBeLessThan(6000);
        expect(await probe(injectB, '/api/me', person.token)).toBe('401 AUTH__TOKEN_INVALID');
      } finally {
        redis.resume();
      }
    }, 20_000);
  },
);
