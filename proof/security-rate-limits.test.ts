import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../apps/server/src/test-support/test-app.ts';
import { describeWithRedis } from '../apps/server/src/test-support/test-services.ts';
import { countCase, printCaseCounts } from './helpers/case-counter.ts';

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
  afterAll(async () => t?.close());

  it('the 11th attempt in a minute is refused, even with the right password; other clients are not', async () => {
    const attacker = clientAddress();
    for (let i = 0; i < 10; i++) {
      expect((await login(t, attacker, person.email, `guess-${i}-wrong`)).statusCode).toBe(401);
    }
    const limited = await login(t, attacker, person.email, person.password);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toMatchObject({
      code: 'RATE_LIMITED',
      details: { retryAfterSeconds: expect.any(Number) },
    });
    expect((await login(t, clientAddress(), person.email, person.password)).statusCode).toBe(200);
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
});

describeWithRedis('login rate limit shared by two instances through Redis', (redisUrl) => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await createTestApp({ REDIS_URL: redisUrl, LOGIN_RATE_LIMIT_PER_MINUTE: '10' });
    b = await createTestApp({ REDIS_URL: redisUrl, LOGIN_RATE_LIMIT_PER_MINUTE: '10' });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('attempts spread over both instances still stop at 10 a minute', async () => {
    const attacker = clientAddress();
    const answers: number[] = [];
    for (let i = 0; i < 12; i++) {
      answers.push((await login(i % 2 ? a : b, attacker, 'nobody@example.com', `guess-${i}`)).statusCode);
    }
    expect(answers.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(answers.slice(10)).toEqual([429, 429]);
  });
});
