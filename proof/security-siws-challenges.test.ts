import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siwsChallenges } from '../apps/server/src/auth/auth-schema.ts';
import { createTestApp, type TestApp } from '../apps/server/src/test-support/test-app.ts';
import { createTestWallet } from '../apps/server/src/test-support/test-wallet.ts';
import { countCase, printCaseCounts } from './helpers/case-counter.ts';
import { maybeUnset } from './helpers/maybe-unset.ts';

const SUITE = 'security: SIWS challenges';
afterAll(() => printCaseCounts(SUITE));

const freshClient = () => `10.${[...randomBytes(3)].join('.')}`;

describe('Sign-In-With-Solana challenges cannot be piled up', () => {
  let t: TestApp;
  beforeAll(async () => {
    // 10 registrations a minute per client, so 30 challenges a minute per client.
    t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '10' });
  });
  afterAll(async () => maybeUnset(t)?.close());

  const challenge = (token: string, address: string, from = freshClient()) => {
    countCase(SUITE);
    return t.app.inject({
      method: 'GET',
      url: `/api/auth/siws/challenge?address=${address}`,
      remoteAddress: from,
      headers: { authorization: `Bearer ${token}` },
    });
  };
  const stored = (userId: string) =>
    t.ctx.database.db.select().from(siwsChallenges).where(eq(siwsChallenges.userId, userId));

  it('a user holds at most 5 outstanding challenges: asking for more drops the oldest', async () => {
    const u = await t.newUser();
    const wallet = createTestWallet();
    const issued = [];
    for (let i = 0; i < 7; i++) {
      const res = await challenge(u.token, wallet.address);
      expect(res.statusCode).toBe(200);
      issued.push(res.json<{ message: string; nonce: string }>());
    }
    const rows = await stored(u.user.id);
    expect(rows.map((r) => r.nonce).sort()).toEqual(
      issued
        .slice(2)
        .map((c) => c.nonce)
        .sort(),
    );
    const link = (c: { message: string }) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/me/wallet',
        headers: { authorization: `Bearer ${u.token}` },
        payload: { address: wallet.address, message: c.message, signature: wallet.signMessage(c.message) },
      });
    const dropped = await link(issued[0]!);
    expect(dropped.statusCode).toBe(400);
    expect(dropped.json().error.code).toBe('AUTH__SIWS_CHALLENGE_INVALID');
    expect((await link(issued[6]!)).statusCode).toBe(200);
  });

  it('one user gets 10 challenges a minute, from any number of addresses', async () => {
    const u = await t.newUser();
    const address = createTestWallet().address;
    for (let i = 0; i < 10; i++) expect((await challenge(u.token, address)).statusCode).toBe(200);
    const refused = await challenge(u.token, address);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({
      code: 'RATE_LIMITED',
      details: { retryAfterSeconds: expect.any(Number) },
    });
    expect((await stored(u.user.id)).length).toBeLessThanOrEqual(5);
  });

  it('one client address gets 30 challenges a minute, however many accounts it uses', async () => {
    const from = freshClient();
    const people = await Promise.all(Array.from({ length: 4 }, () => t.newUser()));
    const codes: number[] = [];
    for (const p of people) {
      for (let i = 0; i < 8; i++)
        codes.push((await challenge(p.token, createTestWallet().address, from)).statusCode);
    }
    expect(codes.slice(0, 30).every((c) => c === 200)).toBe(true);
    expect(codes.slice(30)).toEqual([429, 429]);
  });

  it('expired challenges are purged: the user’s own on their next request, everyone’s by the periodic purge', async () => {
    const [a, b] = [await t.newUser(), await t.newUser()];
    const address = createTestWallet().address;
    const expired = (userId: string) => ({
      nonce: randomUUID().replaceAll('-', ''),
      userId,
      address,
      message: 'expired',
      expiresAt: new Date(Date.now() - 60_000),
    });
    await t.ctx.database.db
      .insert(siwsChallenges)
      .values([expired(a.user.id), expired(a.user.id), expired(b.user.id)]);

    expect((await challenge(a.token, address)).statusCode).toBe(200);
    expect((await stored(a.user.id)).map((r) => r.message)).not.toContain('expired');
    expect(await stored(b.user.id)).toHaveLength(1);

    expect(await t.ctx.siws.purgeExpired()).toBeGreaterThanOrEqual(1);
    expect(await stored(b.user.id)).toHaveLength(0);
    expect(await stored(a.user.id)).toHaveLength(1);
  });
});
