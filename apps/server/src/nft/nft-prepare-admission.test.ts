import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { newChainUser } from '../test-support/test-chain-user.ts';
import { testDatabaseKind } from '../test-support/test-database.ts';

describe(`unlock and upgrade prepares under overload (${testDatabaseKind()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    // One prepare at a time and no line: every prepare arriving meanwhile is refused.
    t = await createTestApp({ NFT_PREPARE_CONCURRENCY: '1', NFT_PREPARE_QUEUE: '0' });
  });
  afterAll(async () => t.close());

  it('refuses prepares past the limit with 503 SERVICE__BUSY and Retry-After, changing nothing; reads still flow', async () => {
    const people = await Promise.all(
      Array.from({ length: 4 }, () => newChainUser(t, { volumeUsd: '100000' })),
    );
    const [prepares, reads] = await Promise.all([
      Promise.all(people.map((u) => u.call('POST', '/api/nft/unlock'))),
      Promise.all(people.map((u) => u.call('GET', '/api/nft/status'))),
    ]);
    expect(reads.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    const refused = prepares.filter((p) => p.statusCode === 503);
    expect(prepares.filter((p) => p.statusCode === 200).length).toBeGreaterThanOrEqual(1);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    for (const r of refused) {
      expect(r.json().error.code).toBe('SERVICE__BUSY');
      expect(r.headers['retry-after']).toBe('2');
    }
    // A refused person has no request open, and trying again later works.
    for (const [i, u] of people.entries()) {
      if (prepares[i]!.statusCode !== 503) continue;
      expect((await u.call('GET', '/api/nft/status')).json()).toMatchObject({
        canUnlock: true,
        openRequest: null,
      });
      const again = await u.call('POST', '/api/nft/unlock');
      expect(again.statusCode, again.body).toBe(200);
    }
  });
});
