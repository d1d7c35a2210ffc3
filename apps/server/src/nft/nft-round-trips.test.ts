import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreparedNftTransaction } from '@insignia/contract';
import { roundTrips } from '../test-support/round-trips.ts';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { addVolume, newChainUser } from '../test-support/test-chain-user.ts';
import { testDatabaseKind } from '../test-support/test-database.ts';

// Round trips are what an unlock costs the database (and, on this stack, much of its CPU):
// these budgets fail when a change adds a query to the path a user waits on.
describe.runIf(testDatabaseKind() === 'postgres')('database round trips of unlock and upgrade', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({});
  });
  afterAll(() => t.close());

  it('an unlock (prepare, then submit to confirmed and recorded) and an atomic upgrade stay within budget', async () => {
    const u = await newChainUser(t, { volumeUsd: '100000' });
    // The Personal Center reads the status first; the unlock decides on fresh rows anyway.
    await u.call('GET', '/api/nft/status');

    const run = async (path: string) => {
      let prepared: PreparedNftTransaction | undefined;
      const prepare = await roundTrips(async () => {
        prepared = (await u.call('POST', path)).json();
      });
      const signed = await u.sign(prepared!);
      let status: unknown;
      const submit = await roundTrips(async () => {
        status = (
          await u.call('POST', `/api/nft/requests/${prepared!.requestId}/submit`, {
            signedTransaction: signed,
          })
        ).json().status;
      });
      expect(status).toBe('completed');
      return { prepare, submit };
    };

    const unlock = await run('/api/nft/unlock');
    // prepare: the status rows, the request with its transaction (the session is remembered,
    // the levels too); submit: the request (checked before anything is written), `submitted`
    // with the lease, then `completed` with its NFT, event and outbox rows.
    expect(unlock).toEqual({ prepare: 2, submit: 3 });

    await addVolume(t, u.user.id, '400000');
    const upgrade = await run('/api/nft/upgrade');
    // The upgrade also reads the NFT it burns.
    expect(upgrade).toEqual({ prepare: 3, submit: 3 });
  });
});
