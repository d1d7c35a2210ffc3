import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nftRequestEvents, nftRequests, userNfts } from '../apps/server/src/nft/nft-schema.ts';
import { createTestApp, type TestApp } from '../apps/server/src/test-support/test-app.ts';
import { addVolume, newChainUser, type ChainUser } from '../apps/server/src/test-support/test-chain-user.ts';
import { testDatabaseKind } from '../apps/server/src/test-support/test-database.ts';
import { countCase, printCaseCounts } from './helpers/case-counter.ts';
import { heldLevelNfts, levelNftRpc } from './helpers/held-level-nfts.ts';
import { createInstancePair, type Instance } from './helpers/instance-pair.ts';
import { mapLimit } from './helpers/map-limit.ts';
import { maybeUnset } from './helpers/maybe-unset.ts';

const LONG = process.env.PROOF_LONG === '1';
const SUITE = 'concurrency';
afterAll(() => printCaseCounts(SUITE));

type Caller = Pick<ChainUser, 'call' | 'sign'>;

/** Prepare, sign, submit; the request's status as the submit answered it. */
async function signAndSubmit(u: Caller, path: '/api/nft/unlock' | '/api/nft/upgrade') {
  const prepared = await u.call('POST', path);
  expect(prepared.statusCode, prepared.body).toBe(200);
  const body = prepared.json();
  const submitted = await u.call('POST', `/api/nft/requests/${body.requestId}/submit`, {
    signedTransaction: await u.sign(body),
  });
  expect(submitted.statusCode, submitted.body).toBe(200);
  return { requestId: body.requestId as string, status: submitted.json().status as string };
}

/** Exactly one active NFT in the database and one level NFT on chain, both at `level`. */
async function expectOneNft(t: TestApp, u: ChainUser, level: number) {
  const active = await t.ctx.database.db
    .select()
    .from(userNfts)
    .where(and(eq(userNfts.userId, u.user.id), eq(userNfts.status, 'active')));
  expect(active.map((n) => n.level)).toEqual([level]);
  const held = await heldLevelNfts(levelNftRpc(t.ctx.chain.localValidator!.url), u.wallet.address);
  expect(held).toEqual([{ mint: active[0]!.mintAddress, level: String(level) }]);
}

describe(`concurrency on one instance (${testDatabaseKind()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    // Every prepare at once, as the races these cases prove need: no bulkhead line in between.
    t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '10000', NFT_PREPARE_CONCURRENCY: '1000' });
  });
  afterAll(async () => maybeUnset(t)?.close());

  const people = LONG ? 200 : 50;
  it(`${people} people upgrading at the same moment each end at level 2 with one NFT`, async () => {
    const started = Date.now();
    const users = await mapLimit(Array.from({ length: people }), 10, async () => {
      const u = await newChainUser(t, { volumeUsd: '100000' });
      await signAndSubmit(u, '/api/nft/unlock');
      await addVolume(t, u.user.id, '400000');
      return u;
    });
    const setupMs = Date.now() - started;
    const upgradeStarted = Date.now();
    const results = await Promise.all(users.map((u) => signAndSubmit(u, '/api/nft/upgrade')));
    const upgradeMs = Date.now() - upgradeStarted;
    countCase(SUITE, people);
    expect(results.filter((r) => r.status !== 'completed')).toEqual([]);
    for (const u of users) await expectOneNft(t, u, 2);
    console.log(
      `${SUITE}: ${people} simultaneous upgrades completed in ${upgradeMs} ms (setup ${setupMs} ms, ${testDatabaseKind()})`,
    );
  }, 1_800_000);

  it('50 unlocks by one person at once (tabs, double clicks) give exactly one NFT', async () => {
    const u = await newChainUser(t, { volumeUsd: '100000' });
    const prepares = await Promise.all(Array.from({ length: 50 }, () => u.call('POST', '/api/nft/unlock')));
    countCase(SUITE, 50);
    expect(prepares.filter((p) => p.statusCode >= 500)).toEqual([]);
    const ok = prepares.filter((p) => p.statusCode === 200).map((p) => p.json());
    expect(new Set(ok.map((p) => p.requestId)).size).toBe(1);
    // Every tab signs what it was given and submits it, all at once.
    const submits = await Promise.all(
      ok.map(async (p) =>
        u.call('POST', `/api/nft/requests/${p.requestId}/submit`, { signedTransaction: await u.sign(p) }),
      ),
    );
    countCase(SUITE, submits.length);
    expect(submits.filter((s) => s.statusCode >= 500)).toEqual([]);
    expect(submits.filter((s) => s.statusCode === 200).length).toBeGreaterThan(0);
    expect((await u.call('GET', `/api/nft/requests/${ok[0].requestId}`)).json().status).toBe('completed');
    const requests = await t.ctx.database.db
      .select()
      .from(nftRequests)
      .where(eq(nftRequests.userId, u.user.id));
    expect(requests).toHaveLength(1);
    await expectOneNft(t, u, 1);
  }, 300_000);
});

const databaseUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;
const describeShared = databaseUrl && redisUrl ? describe : describe.skip;

describeShared(
  `two instances sharing one PostgreSQL and one Redis${databaseUrl && redisUrl ? '' : ' (skipped: needs TEST_DATABASE_URL and TEST_REDIS_URL; CI runs it in its PostgreSQL pass)'}`,
  () => {
    let pair: Awaited<ReturnType<typeof createInstancePair>>;
    beforeAll(async () => {
      pair = await createInstancePair({
        adminDatabaseUrl: databaseUrl!,
        redisUrl: redisUrl!,
        env: {
          NFT_ATOMIC_UPGRADE: 'false',
          LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
          NFT_PREPARE_CONCURRENCY: '1000',
        },
      });
    }, 120_000);
    afterAll(async () => maybeUnset(pair)?.close());

    it('both run workers on one queue of upgrades: each request moves through each step once', async () => {
      const { a, b } = pair;
      const people = LONG ? 60 : 20;
      /** The same person through instance B (tokens are valid on both: one secret). */
      const via = (instance: Instance, u: ChainUser): Caller => ({
        sign: (prepared) => u.sign(prepared),
        call: (method, url, payload) =>
          instance.app.inject({
            method,
            url,
            headers: { authorization: `Bearer ${u.token}` },
            ...(payload ? { payload } : {}),
          }),
      });
      const users = await mapLimit(Array.from({ length: people }), 8, async (_, i) => {
        const u = await newChainUser(a, { volumeUsd: '100000' });
        await signAndSubmit(via(i % 2 ? b : a, u), '/api/nft/unlock');
        await addVolume(a, u.user.id, '400000');
        return u;
      });
      // Every burn is signed and confirmed through either instance; the mints after them wait
      // in the shared queue until both instances' workers start at the same moment.
      const burns = await mapLimit(users, 8, (u, i) =>
        signAndSubmit(via(i % 2 ? a : b, u), '/api/nft/upgrade'),
      );
      expect(new Set(burns.map((r) => r.status))).toEqual(new Set(['burn_confirmed']));
      const worked = { a: 0, b: 0 };
      for (const [key, instance] of [
        ['a', a],
        ['b', b],
      ] as const) {
        const processDue = instance.ctx.nftWorker.processDue.bind(instance.ctx.nftWorker);
        instance.ctx.nftWorker.processDue = async () => {
          const n = await processDue();
          worked[key] += n;
          return n;
        };
      }
      a.startWorkers();
      b.startWorkers();
      const ids = burns.map((r) => r.requestId);
      const db = a.ctx.database.db;
      const deadline = Date.now() + 240_000;
      for (;;) {
        const rows = await db.select().from(nftRequests).where(inArray(nftRequests.id, ids));
        if (rows.every((r) => r.status === 'completed')) break;
        if (Date.now() > deadline)
          throw new Error(`still open: ${rows.filter((r) => r.status !== 'completed').length}`);
        await new Promise((r) => setTimeout(r, 500));
      }
      countCase(SUITE, people);

      const events = await db.select().from(nftRequestEvents).where(inArray(nftRequestEvents.requestId, ids));
      const steps = events.map((e) => `${e.requestId} ${e.fromStatus}->${e.toStatus}`);
      expect(steps.filter((s, i) => steps.indexOf(s) !== i)).toEqual([]);
      expect(events.filter((e) => e.toStatus === 'mint_submitted')).toHaveLength(people);
      expect(events.filter((e) => e.toStatus === 'completed')).toHaveLength(people);
      for (const u of users) await expectOneNft(a, u, 2);
      expect(worked.a + worked.b).toBeGreaterThanOrEqual(people);
      console.log(
        `${SUITE}: two instances minted ${people} upgrades (worker A took ${worked.a}, B took ${worked.b})`,
      );
    }, 900_000);
  },
);
