import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { testDatabaseKind } from '../test-support/test-database.ts';
import { createTestWallet } from '../test-support/test-wallet.ts';
import { siwsChallenges } from './auth-schema.ts';

describe(`Sign-In-With-Solana wallet linking (${testDatabaseKind()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const challenge = async (token: string, address: string) =>
    t.app.inject({ method: 'GET', url: `/api/auth/siws/challenge?address=${address}`, headers: auth(token) });
  const link = (token: string, payload: object) =>
    t.app.inject({ method: 'PUT', url: '/api/me/wallet', headers: auth(token), payload });

  it('links a wallet after a valid signature, and the message names this server', async () => {
    const u = await t.newUser();
    const wallet = createTestWallet();
    const c = (await challenge(u.token, wallet.address)).json();
    expect(c.message).toContain('localhost:3000 wants you to sign in with your Solana account:');
    expect(c.message).toContain(wallet.address);
    const res = await link(u.token, {
      address: wallet.address,
      message: c.message,
      signature: wallet.signMessage(c.message),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.walletAddress).toBe(wallet.address);
  });

  it('refuses a signature by another key', async () => {
    const u = await t.newUser();
    const wallet = createTestWallet();
    const c = (await challenge(u.token, wallet.address)).json();
    const res = await link(u.token, {
      address: wallet.address,
      message: c.message,
      signature: createTestWallet().signMessage(c.message),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('AUTH__SIWS_INVALID_SIGNATURE');
  });

  it('refuses a reused nonce', async () => {
    const u = await t.newUser();
    const wallet = createTestWallet();
    const c = (await challenge(u.token, wallet.address)).json();
    const body = { address: wallet.address, message: c.message, signature: wallet.signMessage(c.message) };
    expect((await link(u.token, body)).statusCode).toBe(200);
    const replay = await link(u.token, body);
    expect(replay.statusCode).toBe(409);
    expect(replay.json().error.code).toBe('AUTH__SIWS_NONCE_USED');
  });

  it('refuses an expired challenge', async () => {
    const u = await t.newUser();
    const wallet = createTestWallet();
    const c = (await challenge(u.token, wallet.address)).json();
    await t.ctx.database.db
      .update(siwsChallenges)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(siwsChallenges.nonce, c.nonce));
    const res = await link(u.token, {
      address: wallet.address,
      message: c.message,
      signature: wallet.signMessage(c.message),
    });
    expect(res.json().error.code).toBe('AUTH__SIWS_NONCE_EXPIRED');
  });

  it('refuses a message edited to another domain, or a challenge issued to another user', async () => {
    const u = await t.newUser();
    const other = await t.newUser();
    const wallet = createTestWallet();
    const c = (await challenge(u.token, wallet.address)).json();
    const edited = c.message.replace('localhost:3000', 'evil.example');
    const crossDomain = await link(u.token, {
      address: wallet.address,
      message: edited,
      signature: wallet.signMessage(edited),
    });
    expect(crossDomain.json().error.code).toBe('AUTH__SIWS_CHALLENGE_INVALID');
    const stolen = await link(other.token, {
      address: wallet.address,
      message: c.message,
      signature: wallet.signMessage(c.message),
    });
    expect(stolen.json().error.code).toBe('AUTH__SIWS_CHALLENGE_INVALID');
  });

  it('refuses a wallet already linked by another user', async () => {
    const first = await t.newUser();
    const second = await t.newUser();
    const wallet = createTestWallet();
    const c1 = (await challenge(first.token, wallet.address)).json();
    expect(
      (
        await link(first.token, {
          address: wallet.address,
          message: c1.message,
          signature: wallet.signMessage(c1.message),
        })
      ).statusCode,
    ).toBe(200);
    const c2 = await challenge(second.token, wallet.address);
    expect(c2.statusCode).toBe(409);
    expect(c2.json().error.code).toBe('AUTH__WALLET_TAKEN');
  });

  it('refuses a malformed address with a code and stores nothing', async () => {
    const u = await t.newUser();
    const before = await t.ctx.database.db.select().from(siwsChallenges);
    const bad = await challenge(u.token, '0OIl0OIl0OIl0OIl0OIl0OIl0OIl0OIl0OIl');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION__INVALID_ADDRESS');
    const short = await challenge(u.token, 'abc');
    expect(short.json().error.code).toBe('VALIDATION__INVALID_QUERY');
    expect(await t.ctx.database.db.select().from(siwsChallenges)).toHaveLength(before.length);
  });
});
