import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../apps/server/src/test-support/test-app.ts';
import { describeWithRedis } from '../apps/server/src/test-support/test-services.ts';
import { startRedisProcess } from '../apps/server/src/test-support/redis-process.ts';
import { countCase, printCaseCounts } from './helpers/case-counter.ts';
import { maybeUnset } from './helpers/maybe-unset.ts';

const SUITE = 'security: rate limits';
afterAll(() => printCaseCounts(SUITE));

const clientAddress = () => `10.${[...randomBytes(3)].join('.')}`;
const login = (t: TestApp, from: string, email: string, password: string) => {
  countCase(SUITE);
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: from,
    payload: { email, password },
  });
};

describe('login rate limit (10 a minute per client)', () => {
  let t: TestApp;
  let person: { email: string; password: string };
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '10' });
    const u = await t.newUser();
    person = { email: u.user.email, password: u.password };
  });
  afterAll(async () => maybeUnset(t)?.close());

  it('the 11th attempt in a minute is refused, even with the right password; other clients are not', async () => {
    const attacker = clientAddress();
    // Spread over many accounts so that only the per-client limit is at work.
    for (let i = 0; i < 10; i++) {
      expect((await login(t, attacker, `other-${i}-${person.email}`, `guess-${i}-wrong`)).statusCode).toBe(
        401,
      );
    }
    const limited = await login(t, attacker, person.email, person.password);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toMatchObject({
      code: 'RATE_LIMITED',
      details: { retryAfterSeconds: expect.any(Number) },
    });
    expect((await login(t, clientAddress(), person.email, person.password)).statusCode).toBe(200);
    // Each route counts apart: the exhausted login budget does not spend the register one.
    countCase(SUITE);
    const register = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      remoteAddress: attacker,
      payload: {
        email: `late-${randomBytes(4).toString('hex')}@example.com`,
        password: 'long enough password',
      },
    });
    expect(register.statusCode).toBe(201);
  });

  it('registration is limited the same way', async () => {
    const bot = clientAddress();
    const register = (n: number) => {
      countCase(SUITE);
      return t.app.inject({
        method: 'POST',
        url: '/api/auth/register',
        remoteAddress: bot,
        payload: {
          email: `bot-${n}-${randomBytes(4).toString('hex')}@example.com`,
          password: 'long enough password',
        },
      });
    };
    for (let i = 0; i < 10; i++) expect((await register(i)).statusCode).toBe(201);
    expect((await register(10)).statusCode).toBe(429);
  });

  it('registrations for one mailbox are limited across addresses; plus-tags and case are one mailbox', async () => {
    const name = `mailbox-${randomBytes(4).toString('hex')}`;
    const register = (spelling: string) => {
      countCase(SUITE);
      return t.app.inject({
        method: 'POST',
        url: '/api/auth/register',
        remoteAddress: clientAddress(),
        payload: { email: spelling, password: 'long enough password' },
      });
    };
    for (let i = 0; i < 10; i++) {
      const spelling = i % 2 ? `${name}+${i}@Example.com` : `${name.toUpperCase()}+${i}@example.com`;
      expect((await register(spelling)).statusCode).toBe(201);
    }
    const refused = await register(`${name}@example.com`);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('RATE_LIMITED');
    expect((await register(`other-${name}@example.com`)).statusCode).toBe(201);
  });
});

describeWithRedis('login rate limit shared by two instances through Redis', (redisUrl) => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await createTestApp({ REDIS_URL: redisUrl, LOGIN_RATE_LIMIT_PER_MINUTE: '10' });
    b = await createTestApp({ REDIS_URL: redisUrl, LOGIN_RATE_LIMIT_PER_MINUTE: '10' });
  });
  afterAll(async () => {
    await maybeUnset(a)?.close();
    await maybeUnset(b)?.close();
  });

  it('attempts spread over both instances still stop at 10 a minute', async () => {
    const attacker = clientAddress();
    const answers: number[] = [];
    for (let i = 0; i < 12; i++) {
      answers.push(
        (await login(i % 2 ? a : b, attacker, `nobody-${i}@example.com`, `guess-${i}`)).statusCode,
      );
    }
    expect(answers.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(answers.slice(10)).toEqual([429, 429]);
  });

  it('the per-account lock is shared too: guesses spread over both instances and many clients', async () => {
    const email = `victim-${randomBytes(4).toString('hex')}@example.com`;
    const answers: number[] = [];
    for (let i = 0; i < 6; i++) {
      answers.push((await login(i % 2 ? a : b, clientAddress(), email, `guess-${i}`)).statusCode);
    }
    expect(answers).toEqual([401, 401, 401, 401, 401, 429]);
  });
});

/** A login for an address nobody owns, so only the per-client limit can refuse it. */
const strangerLogin = (t: TestApp, request: { remoteAddress: string; forwardedFor?: string }) => {
  countCase(SUITE);
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: request.remoteAddress,
    ...(request.forwardedFor ? { headers: { 'x-forwarded-for': request.forwardedFor } } : {}),
    payload: { email: `nobody-${randomBytes(6).toString('hex')}@example.com`, password: 'wrong password' },
  });
};
describeWithRedis('rate limits while Redis is down (a private Redis, stopped on purpose)', () => {
  let redis: Awaited<ReturnType<typeof startRedisProcess>>;
  let t: TestApp;
  let person: { email: string; password: string };
  beforeAll(async () => {
    redis = await startRedisProcess();
    t = await createTestApp({ REDIS_URL: redis.url, LOGIN_RATE_LIMIT_PER_MINUTE: '5' });
    const u = await t.newUser();
    person = { email: u.user.email, password: u.password };
    await redis.stop();
  });
  afterAll(async () => {
    await maybeUnset(t)?.close();
    await maybeUnset(redis)?.stop();
  });

  it('the per-client limit still refuses the 6th attempt: it never fails open', async () => {
    const attacker = clientAddress();
    for (let i = 0; i < 5; i++) {
      expect((await strangerLogin(t, { remoteAddress: attacker })).statusCode).toBe(401);
    }
    expect((await strangerLogin(t, { remoteAddress: attacker })).statusCode).toBe(429);
  });

  it('the per-account lock still holds against guesses from many addresses', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await login(t, clientAddress(), person.email, `guess-${i}`)).statusCode).toBe(401);
    }
    expect((await login(t, clientAddress(), person.email, person.password)).statusCode).toBe(429);
  });
});
