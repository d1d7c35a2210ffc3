import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { newChainUser } from '../test-support/test-chain-user.ts';
import { testDatabaseKind } from '../test-support/test-database.ts';
import { callerFor, createBadge, drainBadgeWorker, type Caller } from './badge-test-fixtures.ts';
import { badgeIssuances, badges } from './badges-schema.ts';

const DAY_MS = 86_400_000;

describe(`badge validity periods (${testDatabaseKind()})`, () => {
  let t: TestApp;
  let admin: Caller;
  beforeAll(async () => {
    t = await createTestApp();
    admin = callerFor(t, (await t.newAdmin()).token);
  });
  afterAll(async () => t.close());

  const db = () => t.ctx.database.db;
  const issue = async (badgeId: string, emails: string[]) => {
    const res = await admin('POST', '/api/admin/issuances', {
      badgeIds: [badgeId],
      recipients: { csv: ['email', ...emails].join('\n') },
    });
    expect(res.statusCode, res.body).toBe(201);
    await drainBadgeWorker(t);
  };
  const issuancesOfBadge = (badgeId: string) =>
    db().select().from(badgeIssuances).where(eq(badgeIssuances.badgeId, badgeId));

  it('refuses a validity outside 1..36500 days on create and edit, changing nothing', async () => {
    const count = async () => (await db().select().from(badges)).length;
    const before = await count();
    for (const validityDays of [0, -1, 36_501, 'x', 1.5]) {
      const res = await admin('POST', '/api/admin/badges', { name: 'Bad', type: 'database', validityDays });
      expect(res.statusCode, `${validityDays}`).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION__INVALID_BODY');
    }
    expect(await count()).toBe(before);

    const badge = await createBadge(admin, { type: 'database' });
    expect(badge.validityDays).toBeNull();
    for (const validityDays of [0, -1, 36_501, 'x'])
      expect((await admin('PATCH', `/api/admin/badges/${badge.id}`, { validityDays })).statusCode).toBe(400);
    expect((await admin('GET', `/api/admin/badges/${badge.id}`)).json().validityDays).toBeNull();

    const set = await admin('PATCH', `/api/admin/badges/${badge.id}`, { validityDays: 36_500 });
    expect(set.json().validityDays).toBe(36_500);
    expect(
      (await admin('PATCH', `/api/admin/badges/${badge.id}`, { validityDays: null })).json().validityDays,
    ).toBe(null);
  });

  it('gives each issuance valid_until = issued_at + the badge period as it was when issued', async () => {
    const created = await admin('POST', '/api/admin/badges', {
      name: 'Monthly',
      type: 'database',
      validityDays: 30,
    });
    expect(created.statusCode, created.body).toBe(201);
    const monthly = created.json();
    expect(monthly.validityDays).toBe(30);
    const forever = await createBadge(admin, { type: 'database' });
    const [a, b] = [await t.newUser({ verified: true }), await t.newUser({ verified: true })];
    await issue(monthly.id, [a.user.email]);
    await issue(forever.id, [a.user.email]);

    const [first] = await issuancesOfBadge(monthly.id);
    expect(first?.status).toBe('issued');
    expect(first!.validUntil!.getTime() - first!.issuedAt!.getTime()).toBe(30 * DAY_MS);
    expect((await issuancesOfBadge(forever.id))[0]?.validUntil).toBeNull();

    // A new period applies to later issuances only.
    await admin('PATCH', `/api/admin/badges/${monthly.id}`, { validityDays: 7 });
    await issue(monthly.id, [b.user.email]);
    const rows = await issuancesOfBadge(monthly.id);
    const span = (userId: string) => {
      const r = rows.find((x) => x.userId === userId)!;
      return r.validUntil!.getTime() - r.issuedAt!.getTime();
    };
    expect([span(a.user.id), span(b.user.id)]).toEqual([30 * DAY_MS, 7 * DAY_MS]);
  });

  it('sets valid_until when a mint lands, in a wallet and in the vault', async () => {
    const badge = await createBadge(admin, { type: 'blockchain' });
    await admin('PATCH', `/api/admin/badges/${badge.id}`, { validityDays: 365 });
    const withWallet = await newChainUser(t, { fundSol: 0n });
    await t.verifyEmail(withWallet);
    const noWallet = await t.newUser({ verified: true });
    await issue(badge.id, [withWallet.user.email, noWallet.user.email]);
    const rows = await issuancesOfBadge(badge.id);
    expect(rows.map((r) => r.status).sort()).toEqual(['in_vault', 'issued']);
    for (const r of rows) expect(r.validUntil!.getTime() - r.issuedAt!.getTime()).toBe(365 * DAY_MS);
  });

  it('an expired badge: shown expired, not claimable, not verifiable as current, and no longer counts for a level', async () => {
    const u = await newChainUser(t, { volumeUsd: '100000' });
    const vaultBadge = await createBadge(admin, { type: 'blockchain' });
    const levelBadge = await createBadge(admin, { type: 'database' });
    for (const id of [vaultBadge.id, levelBadge.id])
      await admin('PATCH', `/api/admin/badges/${id}`, { validityDays: 30 });
    await t.verifyEmail(u);
    await issue(levelBadge.id, [u.user.email]);
    const [held] = await issuancesOfBadge(levelBadge.id);
    // Level 1 now needs the badge too (set through the API, which refreshes the cached levels).
    const bronze = (await u.call('GET', '/api/nft/status')).json().levels[0];
    const setLevel1 = (requiredBadgeIds: string[]) =>
      admin('PUT', '/api/admin/levels/1', {
        name: bronze.name,
        minVolumeUsd: bronze.minVolumeUsd,
        benefits: bronze.benefits,
        requiredBadgeIds,
      });
    expect((await setLevel1([levelBadge.id])).statusCode).toBe(200);
    try {
      // Time passes: the period ends in two seconds. The status and badge list are read (and
      // cached) before, and nothing is written when it ends: the reads must decide it themselves.
      const endsAt = new Date(Date.now() + 2_000);
      await db().update(badgeIssuances).set({ validUntil: endsAt }).where(eq(badgeIssuances.id, held!.id));
      await t.ctx.nftStatus.invalidate([u.user.id]);
      await t.ctx.badges.userBadges.invalidate([u.user.id]);
      expect((await u.call('GET', '/api/nft/status')).json()).toMatchObject({ canUnlock: true });
      expect((await u.call('GET', '/api/badges')).json().items[0]).toMatchObject({ expired: false });
      const before = (await u.call('GET', `/api/public/badges/${held!.id}`)).json();
      expect(before).toMatchObject({ validUntil: endsAt.toISOString(), expired: false, revokedAt: null });
      await new Promise((resolve) => setTimeout(resolve, endsAt.getTime() - Date.now() + 100));

      const status = (await u.call('GET', '/api/nft/status')).json();
      expect(status).toMatchObject({ canUnlock: false, reason: 'NFT__MISSING_BADGES' });
      const unlock = await u.call('POST', '/api/nft/unlock');
      expect(unlock.statusCode).toBe(403);
      expect(unlock.json().error.code).toBe('NFT__MISSING_BADGES');
      const mine = (await u.call('GET', '/api/badges')).json().items as {
        issuanceId: string;
        expired: boolean;
      }[];
      expect(mine.find((b) => b.issuanceId === held!.id)).toMatchObject({ expired: true });
      const after = await t.app.inject({ method: 'GET', url: `/api/public/badges/${held!.id}` });
      expect(after.statusCode).toBe(200);
      expect(after.json()).toMatchObject({ expired: true, revokedAt: null });
      expect(JSON.stringify(after.json())).not.toContain(u.user.email);
      // The console says so too: the person's detail and the batch the badge came in.
      const detail = (await admin('GET', `/api/admin/users/${u.user.id}`)).json();
      expect(detail.badges.find((b: { issuanceId: string }) => b.issuanceId === held!.id)).toMatchObject({
        status: 'issued',
        expired: true,
        validUntil: endsAt.toISOString(),
        revokedAt: null,
      });
      const batch = (await admin('GET', `/api/admin/issuances/${held!.batchId}`)).json();
      expect(batch.items.find((i: { id: string }) => i.id === held!.id)).toMatchObject({
        expired: true,
        validUntil: endsAt.toISOString(),
      });
    } finally {
      await setLevel1([]);
    }

    // A vault badge past its period cannot be claimed.
    const other = await t.newUser({ verified: true });
    await issue(vaultBadge.id, [other.user.email]);
    const [vaulted] = await issuancesOfBadge(vaultBadge.id);
    expect(vaulted?.status).toBe('in_vault');
    await db()
      .update(badgeIssuances)
      .set({ validUntil: new Date(Date.now() - 1_000) })
      .where(inArray(badgeIssuances.id, [vaulted!.id]));
    const claimer = await newChainUser(t, { fundSol: 0n });
    // The vault badge is the other user's; give it to a user with a wallet to try the claim.
    await db()
      .update(badgeIssuances)
      .set({ userId: claimer.user.id })
      .where(eq(badgeIssuances.id, vaulted!.id));
    await t.ctx.badges.userBadges.invalidate([claimer.user.id]);
    const claim = await claimer.call('POST', '/api/badges/claims', { issuanceIds: [vaulted!.id] });
    expect(claim.statusCode).toBe(409);
    expect(claim.json().error.code).toBe('BADGE__EXPIRED');
    const shown = (await claimer.call('GET', '/api/badges')).json().items[0];
    expect(shown).toMatchObject({ issuanceId: vaulted!.id, expired: true, claimable: false });
  });
});
