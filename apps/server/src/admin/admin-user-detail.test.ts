import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { newChainUser } from '../test-support/test-chain-user.ts';
import { testDatabaseKind } from '../test-support/test-database.ts';

describe(`admin user detail (${testDatabaseKind()})`, () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = (await t.newAdmin()).token;
  });
  afterAll(async () => t.close());

  it('shows a user’s volume, NFTs and requests to an admin only', async () => {
    const u = await newChainUser(t, { volumeUsd: '100000.25' });
    const prepared = (await u.call('POST', '/api/nft/unlock')).json();
    await u.call('POST', `/api/nft/requests/${prepared.requestId}/submit`, {
      signedTransaction: await u.sign(prepared),
    });

    const res = await t.app.inject({
      method: 'GET',
      url: `/api/admin/users/${u.user.id}`,
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      user: { id: u.user.id, walletAddress: u.wallet.address },
      volume: { totalVolumeUsd: '100000.25', tradeCount: 1 },
      nfts: [{ level: 1, status: 'active', mintAddress: prepared.mintAddress }],
      requests: [{ id: prepared.requestId, status: 'completed', kind: 'unlock' }],
    });
    expect((await u.call('GET', `/api/admin/users/${u.user.id}`)).statusCode).toBe(403);
    const missing = await t.app.inject({
      method: 'GET',
      url: `/api/admin/users/${randomUUID()}`,
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(missing.json().error.code).toBe('USER__NOT_FOUND');
  });
});
