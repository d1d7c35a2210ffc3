import { address } from '@solana/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { newChainUser, SOL } from '../test-support/test-chain-user.ts';
import { testDatabaseKind } from '../test-support/test-database.ts';

describe(`POST /api/dev/faucet (${testDatabaseKind()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  const balanceOf = async (wallet: string) =>
    (await t.ctx.chain.rpc.rpc.getBalance(address(wallet)).send()).value;

  it('funds the caller’s linked wallet with 2 SOL from the local validator', async () => {
    const u = await newChainUser(t, { fundSol: 0n });
    expect(await balanceOf(u.wallet.address)).toBe(0n);
    const res = await u.call('POST', '/api/dev/faucet');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      address: u.wallet.address,
      fundedLamports: String(2n * SOL),
      balanceLamports: String(2n * SOL),
    });
    expect(await balanceOf(u.wallet.address)).toBe(2n * SOL);
  });

  it('needs a session and a linked wallet', async () => {
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/dev/faucet' });
    expect(anonymous.statusCode).toBe(401);
    const u = await newChainUser(t, { fundSol: 0n, linkWallet: false });
    const res = await u.call('POST', '/api/dev/faucet');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('FAUCET__WALLET_NOT_LINKED');
  });

  it('stops at a ceiling so one wallet cannot drain the faucet', async () => {
    const u = await newChainUser(t, { fundSol: 9n });
    expect((await u.call('POST', '/api/dev/faucet')).statusCode).toBe(200);
    const res = await u.call('POST', '/api/dev/faucet');
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'FAUCET__LIMIT_REACHED',
      details: { balanceLamports: String(11n * SOL) },
    });
  });

  it('is rate-limited per client', async () => {
    const u = await newChainUser(t, { fundSol: 0n, linkWallet: false });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await u.call('POST', '/api/dev/faucet')).statusCode);
    expect(statuses).toContain(429);
  });

  it('does not exist when the app talks to a configured RPC cluster', async () => {
    const remote = await createTestApp({ SOLANA_RPC_URLS: t.ctx.chain.localValidator!.url });
    try {
      const u = await remote.newUser();
      const res = await remote.app.inject({
        method: 'POST',
        url: '/api/dev/faucet',
        headers: { authorization: `Bearer ${u.token}` },
      });
      expect(res.statusCode).toBe(404);
    } finally {
      await remote.close();
    }
  });
});
