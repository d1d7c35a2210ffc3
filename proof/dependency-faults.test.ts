import type { Address } from '@solana/kit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  balances,
  callerFor,
  createBadge,
  drainBadgeWorker,
  insertUsers,
} from '../apps/server/src/badges/badge-test-fixtures.ts';
import { fetchMintInfo } from '../apps/server/src/chain/fetch-mint-info.ts';
import { startFakeKubo, type FakeKubo } from '../apps/server/src/ipfs/start-fake-kubo.ts';
import { emailLogs } from '../apps/server/src/mail/mail-schema.ts';
import { createTestApp, type TestApp } from '../apps/server/src/test-support/test-app.ts';
import { newChainUser, type ChainUser } from '../apps/server/src/test-support/test-chain-user.ts';
import { createAppOnValidator, type AppOnValidator } from './helpers/app-on-validator.ts';
import { driveNftWorker } from './helpers/drive-nft-worker.ts';
import { countCase, printCaseCounts } from './helpers/case-counter.ts';
import { maybeUnset } from './helpers/maybe-unset.ts';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink.ts';

/** Prepare, sign as the wallet, submit: the unlock as the Personal Center drives it. */
async function unlock(u: ChainUser) {
  const prepared = await u.call('POST', '/api/nft/unlock');
  expect(prepared.statusCode, prepared.body).toBe(200);
  const body = prepared.json();
  const submitted = await u.call('POST', `/api/nft/requests/${body.requestId}/submit`, {
    signedTransaction: await u.sign(body),
  });
  return { prepared: body, submitted };
}

const SUITE = 'dependency faults';
afterAll(() => printCaseCounts(SUITE));

describe('Solana RPC faults: failover, back-off, and queued work resuming', () => {
  let h: AppOnValidator;
  beforeAll(async () => {
    h = await createAppOnValidator();
  });
  afterAll(async () => maybeUnset(h)?.close());

  it.each(['down', 'unavailable'] as const)(
    'the first endpoint %s: unlock completes through the second, which is marked healthy',
    async (mode) => {
      countCase(SUITE);
      h.primary.setMode(mode);
      try {
        const u = await h.newUser('100000');
        const { submitted } = await unlock(u);
        expect(submitted.json()).toMatchObject({ status: 'completed' });
        const [first, second] = h.t.ctx.chain.rpc.endpoints();
        expect(first).toMatchObject({ healthy: false });
        expect(second).toMatchObject({ healthy: true });
      } finally {
        h.primary.setMode('up');
      }
    },
  );

  it('every endpoint down: unlock answers 503 CHAIN__RPC_UNAVAILABLE; a submitted unlock waits, then completes', async () => {
    countCase(SUITE);
    const u = await h.newUser('100000');
    h.validator.faults.set({ mode: 'fail' });
    const refused = await u.call('POST', '/api/nft/unlock');
    expect(refused.statusCode, refused.body).toBe(503);
    expect(refused.json().error.code).toBe('CHAIN__RPC_UNAVAILABLE');
    h.validator.faults.clear();

    const prepared = (await u.call('POST', '/api/nft/unlock')).json();
    const signed = await u.sign(prepared);
    h.validator.faults.set({ mode: 'fail' });
    const submitted = await u.call('POST', `/api/nft/requests/${prepared.requestId}/submit`, {
      signedTransaction: signed,
    });
    // Either answer is honest: "queued" (200, still submitted) or "try again" (503); never 500.
    expect([200, 503], submitted.body).toContain(submitted.statusCode);
    if (submitted.statusCode === 200) expect(submitted.json().status).toBe('submitted');
    h.validator.faults.clear();

    expect(await driveNftWorker(h.t, prepared.requestId)).toBe('completed');
    expect((await u.call('GET', '/api/nft/status')).json().currentNft).toMatchObject({
      level: 1,
      mintAddress: prepared.mintAddress,
    });
  });

  it('a slow endpoint (every answer held 700 ms): unlock still completes', async () => {
    countCase(SUITE);
    const u = await h.newUser('100000');
    h.validator.faults.set({ mode: 'delay', delayMs: 700 });
    try {
      const started = Date.now();
      const { submitted } = await unlock(u);
      expect(submitted.json()).toMatchObject({ status: 'completed' });
      expect(Date.now() - started).toBeGreaterThan(700);
    } finally {
      h.validator.faults.clear();
    }
  }, 120_000);

  it('rate limited (429 + Retry-After): the client backs off and the unlock completes', async () => {
    countCase(SUITE);
    const u = await h.newUser('100000');
    h.validator.faults.set({ mode: 'rateLimit', count: 4, retryAfterSeconds: 1 });
    const { submitted } = await unlock(u);
    expect(submitted.json()).toMatchObject({ status: 'completed' });
    expect(h.validator.faults.current().mode).toBe('none'); // every limited answer was consumed
  });

  it('a dropped send: the same signed bytes are sent again and land once', async () => {
    countCase(SUITE);
    const u = await h.newUser('100000');
    h.validator.faults.set({ mode: 'drop', count: 1 });
    const { prepared, submitted } = await unlock(u);
    expect(submitted.json()).toMatchObject({ status: 'completed' });
    expect(h.validator.faults.current().mode).toBe('none');
    const mint = await fetchMintInfo(h.t.ctx.chain.rpc.rpc, prepared.mintAddress as Address);
    expect(mint?.supply).toBe(1n);
  });
});

describe('Solana RPC down during a batch issuance', () => {
  let h: AppOnValidator;
  beforeAll(async () => {
    h = await createAppOnValidator();
  });
  afterAll(async () => maybeUnset(h)?.close());

  it('the mints wait while every endpoint is down, then each recipient gets exactly one', async () => {
    countCase(SUITE);
    const admin = callerFor(h.t, (await h.t.newAdmin()).token);
    const badge = await createBadge(admin, { type: 'blockchain', name: 'Outage survivor' });
    const people = await insertUsers(h.t, 6, 3);
    const created = await admin('POST', '/api/admin/issuances', {
      badgeIds: [badge.id],
      recipients: { userIds: people.map((p) => p.id) },
    });
    expect(created.statusCode, created.body).toBe(201);
    const batchId = created.json().batch.id as string;
    h.validator.faults.set({ mode: 'fail' });
    try {
      for (let pass = 0; pass < 3; pass++) await h.t.ctx.badges.worker.processDue();
      const during = (await admin('GET', `/api/admin/issuances/${batchId}`)).json().batch;
      expect(during.status).not.toBe('completed');
      expect(during.counts.failed).toBe(0);
    } finally {
      h.validator.faults.clear();
    }
    await drainBadgeWorker(h.t, { skipBackoff: true });
    const after = (await admin('GET', `/api/admin/issuances/${batchId}`)).json().batch;
    expect(after).toMatchObject({ status: 'completed', counts: { issued: 3, inVault: 3, failed: 0 } });
    const wallets = people.filter((p) => p.wallet).map((p) => p.wallet!.address);
    expect(await balances(h.t, badge.mintAddress!, wallets)).toEqual([1n, 1n, 1n]);
    expect(await balances(h.t, badge.mintAddress!, [h.t.ctx.chain.vault.address])).toEqual([3n]);
  }, 120_000);
});

describe('IPFS faults: backup provider and the local copy', () => {
  let primary: FakeKubo;
  let backup: FakeKubo;
  let t: TestApp;
  beforeAll(async () => {
    [primary, backup] = [await startFakeKubo('fail'), await startFakeKubo('ok')];
    t = await createTestApp({ IPFS_API_URL: primary.url, IPFS_BACKUP_API_URLS: backup.url });
  });
  afterAll(async () => {
    await maybeUnset(t)?.close();
    await maybeUnset(primary)?.close();
    await maybeUnset(backup)?.close();
  });

  const metadataCid = async (mint: string) => {
    const info = await fetchMintInfo(t.ctx.chain.rpc.rpc, mint as Address);
    return info!.metadata!.uri.replace('ipfs://', '');
  };

  it('primary down: the metadata is pinned on the backup, and the app serves it', async () => {
    countCase(SUITE);
    const u = await newChainUser(t, { volumeUsd: '100000' });
    const { prepared, submitted } = await unlock(u);
    expect(submitted.json()).toMatchObject({ status: 'completed' });
    const cid = await metadataCid(prepared.mintAddress);
    expect(backup.blocks.has(cid)).toBe(true);
    expect(primary.blocks.has(cid)).toBe(false);
    const served = await t.app.inject({ method: 'GET', url: `/ipfs/${cid}` });
    expect(served.statusCode).toBe(200);
    expect(served.json().attributes).toContainEqual({ trait_type: 'level', value: 1 });
  });

  it('every provider down: the unlock completes from the local copy, pinned when a provider returns', async () => {
    countCase(SUITE);
    backup.mode = 'fail';
    const admin = await t.newAdmin();
    // A level edit gives new metadata, so a new payload no provider has seen.
    const edited = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/levels/2',
      headers: { authorization: `Bearer ${admin.token}` },
      payload: { name: 'Silver', minVolumeUsd: '500000', benefits: ['Edited while IPFS was down'] },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    // 500K qualifies straight for level 2, whose metadata is the edited one.
    const u = await newChainUser(t, { volumeUsd: '500000' });
    const { prepared, submitted } = await unlock(u);
    expect(submitted.json()).toMatchObject({ status: 'completed', toLevel: 2 });
    const cid = await metadataCid(prepared.mintAddress);
    expect(backup.blocks.has(cid)).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: `/ipfs/${cid}` })).statusCode).toBe(200);

    // The metadata names the level's artwork, also first added while no provider answered.
    const image = String((await t.app.inject({ method: 'GET', url: `/ipfs/${cid}` })).json().image);
    const imageCid = image.replace('ipfs://', '');
    expect(backup.blocks.has(imageCid)).toBe(false);

    backup.mode = 'ok';
    const repinned = await t.ctx.ipfs.repinPending();
    expect(repinned.pinned).toBe(repinned.attempted);
    expect(backup.blocks.has(cid)).toBe(true);
    expect(backup.blocks.has(imageCid)).toBe(true);
  });
});

describe('SMTP faults: retried, then visibly failed; nothing lost or sent twice', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let adminToken: string;
  beforeAll(async () => {
    smtp = await startSmtpSink();
    await smtp.stop(); // the mail server is down when the app starts
    t = await createTestApp({ SMTP_URL: smtp.url });
    adminToken = (await t.newAdmin()).token;
  });
  afterAll(async () => {
    await maybeUnset(t)?.close();
    await maybeUnset(smtp)?.stop();
  });

  const email = (n: number) => ({
    type: 'badge_in_vault' as const,
    to: `person-${n}@example.com`,
    dedupeKey: `proof-smtp:${n}`,
    data: { badgeName: 'Early Supporter' },
  });
  /** One pass of the mail worker, with retry back-off skipped as time passing would. */
  const mailPass = async () => {
    await t.ctx.database.db.update(emailLogs).set({ nextAttemptAt: new Date(0) });
    return t.ctx.mailer.processDue();
  };

  it('an email queued while SMTP is down goes out once when it is back', async () => {
    countCase(SUITE);
    const { id } = await t.ctx.mailer.enqueue(email(1));
    expect(await mailPass()).toMatchObject({ claimed: 1, retrying: 1 });
    const [pending] = await t.ctx.database.db.select().from(emailLogs).where(eq(emailLogs.id, id));
    expect(pending).toMatchObject({ status: 'pending', attempts: 1 });
    expect(pending!.lastError).toMatch(/ECONNREFUSED|connect/i);

    await smtp.start();
    expect(await mailPass()).toMatchObject({ claimed: 1, sent: 1 });
    expect(await mailPass()).toMatchObject({ claimed: 0 });
    expect(smtp.received.filter((m) => m.to === 'person-1@example.com')).toHaveLength(1);
    await smtp.stop();
  });

  it('an email SMTP never accepts ends failed, counted on the admin dashboard', async () => {
    countCase(SUITE);
    const { id } = await t.ctx.mailer.enqueue(email(2));
    let passes = 0;
    for (; passes < 20; passes++) {
      const [row] = await t.ctx.database.db.select().from(emailLogs).where(eq(emailLogs.id, id));
      if (row!.status === 'failed') break;
      await mailPass();
    }
    const [failed] = await t.ctx.database.db.select().from(emailLogs).where(eq(emailLogs.id, id));
    expect(failed).toMatchObject({ status: 'failed', attempts: passes });
    expect(passes).toBeGreaterThan(1);
    const dashboard = await t.app.inject({
      method: 'GET',
      url: '/api/admin/dashboard',
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(dashboard.json().attention.failedEmails).toBe(1);
    const logs = await t.app.inject({
      method: 'GET',
      url: '/api/admin/email-logs?status=failed',
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(logs.json().items).toMatchObject([
      {
        id,
        status: 'failed',
        recipient: 'person-2@example.com',
        lastError: expect.stringMatching(/ECONNREFUSED|connect/i),
      },
    ]);
  });
});
