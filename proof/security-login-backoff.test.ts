import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../apps/server/src/test-support/test-app.ts';
import { countCase, printCaseCounts } from './helpers/case-counter.ts';
import { maybeUnset } from './helpers/maybe-unset.ts';

const SUITE = 'security: per-account login backoff';
afterAll(() => printCaseCounts(SUITE));

// Every attempt comes through one trusted proxy, each from a client address never seen
// before: the attacker has as many addresses as they like.
const PROXY = '192.0.2.10';
const freshClient = () => `10.${[...randomBytes(3)].join('.')}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('failed logins slow one account down, whatever address they come from', () => {
  let t: TestApp;
  const login = (email: string, password: string, client = freshClient()) => {
    countCase(SUITE);
    return t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: PROXY,
      headers: { 'x-forwarded-for': client },
      payload: { email, password },
    });
  };
  const person = async () => {
    const u = await t.newUser();
    return { email: u.user.email, password: u.password };
  };
  const waitOut = async (res: { json(): { error: { details: { retryAfterSeconds: number } } } }) =>
    sleep(res.json().error.details.retryAfterSeconds * 1000 + 100);

  beforeAll(async () => {
    t = await createTestApp({
      TRUST_PROXY: PROXY,
      // The per-client limit stays out of the way: every attempt has its own client anyway.
      LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
      LOGIN_LOCKOUT_MAX_SECONDS: '1',
    });
  });
  afterAll(async () => maybeUnset(t)?.close());

  it('after 5 failures from 5 addresses the account is locked, even for the right password from a 6th', async () => {
    const victim = await person();
    for (let i = 0; i < 5; i++) {
      // Case and spaces do not make another account.
      const spelled = i % 2 ? ` ${victim.email.toUpperCase()} ` : victim.email;
      expect((await login(spelled, `guess-${i}`)).statusCode).toBe(401);
    }
    const locked = await login(victim.email, victim.password);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 1 } });
    // Another account is not affected.
    const bystander = await person();
    expect((await login(bystander.email, bystander.password)).statusCode).toBe(200);
  });

  it('an address nobody registered is locked the same way: the lock does not tell which emails exist', async () => {
    const ghost = `ghost-${randomBytes(4).toString('hex')}@example.com`;
    for (let i = 0; i < 5; i++) expect((await login(ghost, `guess-${i}`)).statusCode).toBe(401);
    expect((await login(ghost, 'guess-6')).statusCode).toBe(429);
  });

  it('the lock lifts by itself, and a successful login starts the count again', async () => {
    const victim = await person();
    for (let i = 0; i < 5; i++) await login(victim.email, `guess-${i}`);
    const locked = await login(victim.email, victim.password);
    expect(locked.statusCode).toBe(429);
    await waitOut(locked);
    expect((await login(victim.email, victim.password)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login(victim.email, `typo-${i}`)).statusCode).toBe(401);
  });

  it('the lock is bounded: after many failures it never exceeds LOGIN_LOCKOUT_MAX_SECONDS', async () => {
    const victim = await person();
    for (let i = 0; i < 5; i++) await login(victim.email, `guess-${i}`);
    for (let round = 0; round < 4; round++) {
      const locked = await login(victim.email, 'still guessing');
      expect(locked.statusCode).toBe(429);
      expect(locked.json().error.details.retryAfterSeconds).toBeLessThanOrEqual(1);
      await waitOut(locked);
      expect((await login(victim.email, `guess-again-${round}`)).statusCode).toBe(401);
    }
    await waitOut(await login(victim.email, victim.password));
    expect((await login(victim.email, victim.password)).statusCode).toBe(200);
  }, 60_000);

  it('a burst of parallel guesses cannot slip past the lock', async () => {
    const victim = await person();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => login(victim.email, `parallel-${i}`)),
    );
    const codes = answers.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(15);
  });

  it('the owner, from an address they logged in from before, is not locked out by the attacker', async () => {
    const victim = await person();
    const home = freshClient();
    expect((await login(victim.email, victim.password, home)).statusCode).toBe(200);
    for (let i = 0; i < 8; i++) await login(victim.email, `guess-${i}`);
    expect((await login(victim.email, victim.password)).statusCode).toBe(429);
    expect((await login(victim.email, victim.password, home)).statusCode).toBe(200);
  });

  it('but guesses from that known address are still limited for this account', async () => {
    const victim = await person();
    const shared = freshClient();
    expect((await login(victim.email, victim.password, shared)).statusCode).toBe(200);
    for (let i = 0; i < 5; i++)
      expect((await login(victim.email, `guess-${i}`, shared)).statusCode).toBe(401);
    expect((await login(victim.email, 'guess-6', shared)).statusCode).toBe(429);
  });
});
