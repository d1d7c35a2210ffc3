import { randomUUID } from 'node:crypto';
import { generateKeyPairSigner } from '@solana/kit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, AuthResponse } from '@insignia/contract';
import { callerFor, createBadge, drainBadgeWorker } from '../badges/badge-test-fixtures.ts';
import { linkWallet } from '../claims/test-claim-fixtures.ts';
import { reconciliationFlags, userNfts } from '../nft/nft-schema.ts';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { newChainUser } from '../test-support/test-chain-user.ts';
import { testDatabaseKind } from '../test-support/test-database.ts';

describe(`the platform audit log (${testDatabaseKind()})`, () => {
  let t: TestApp;
  let admin: AuthResponse;
  const asAdmin = (url: string) =>
    t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${admin.token}` } });
  const entries = async (filters = ''): Promise<AuditEntry[]> => {
    const res = await asAdmin(`/api/admin/audit?limit=200${filters}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items;
  };
  const summaries = async (filters = '') => (await entries(filters)).map((e) => e.summary);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.newAdmin();
  });
  afterAll(async () => t.close());

  it('records an admin sign-in, readable, as the admin', async () => {
    const rows = await entries('&category=sign_in');
    expect(rows[0]).toMatchObject({
      category: 'sign_in',
      action: 'admin.signed_in',
      summary: `${admin.user.email} signed in to the console`,
      actor: { kind: 'admin', id: admin.user.id, email: admin.user.email },
    });
  });

  it('says what a level edit changed, before and after', async () => {
    const call = callerFor(t, admin.token);
    const level = (await call('GET', '/api/nft/levels')).json().levels[2];
    const edited = await call('PUT', `/api/admin/levels/${level.level}`, {
      name: level.name,
      minVolumeUsd: '6000000',
      benefits: [...level.benefits, 'Priority support'],
      requiredBadgeIds: [],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const [row] = await entries('&category=level');
    expect(row).toMatchObject({
      summary: `${admin.user.email} changed Level 3 ${level.name}: minimum volume $5,000,000 → $6,000,000; benefits ${level.benefits.join(', ') || 'none'} → ${[...level.benefits, 'Priority support'].join(', ')}`,
      level: { level: 3, name: level.name },
      actor: { kind: 'admin', email: admin.user.email },
      details: { before: { minVolumeUsd: '5000000' }, after: { minVolumeUsd: '6000000' } },
    });
    // The level filter finds it; another level does not.
    expect((await entries('&level=3')).map((e) => e.id)).toContain(row!.id);
    expect((await entries('&level=4')).map((e) => e.id)).not.toContain(row!.id);
  });

  it('names the badge and person of an issuance, and of a declined claim', async () => {
    const call = callerFor(t, admin.token);
    const badge = await createBadge(call, {
      type: 'blockchain',
      name: `Early trader ${randomUUID().slice(0, 4)}`,
    });
    const person = await t.newUser({ verified: true });
    const created = await call('POST', '/api/admin/issuances', {
      badgeIds: [badge.id],
      recipients: { userIds: [person.user.id] },
    });
    expect(created.statusCode, created.body).toBe(201);
    await drainBadgeWorker(t);
    const issued = await summaries(`&person=${encodeURIComponent(person.user.email)}&category=issuance`);
    expect(issued).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^Badge '${badge.name}' issued to ${person.user.email}, held in the vault \\(tx \\w{6}…\\w{4}\\)$`,
        ),
      ),
    );
    expect(issued.at(-1)).toBe(`${admin.user.email} queued badge '${badge.name}' for ${person.user.email}`);

    await linkWallet(t, person, await generateKeyPairSigner());
    const issuanceId = (await entries(`&person=${person.user.id}&category=issuance`))[0]!.issuanceId;
    const claim = await t.app.inject({
      method: 'POST',
      url: '/api/badges/claims',
      headers: { authorization: `Bearer ${person.token}` },
      payload: { issuanceIds: [issuanceId] },
    });
    expect(claim.statusCode, claim.body).toBe(201);
    const rejected = await call('POST', `/api/admin/claims/${claim.json().items[0].id}/reject`, {
      reason: 'Account under review',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    const claims = await summaries(`&category=claim&badge=${badge.id}`);
    expect(claims[0]).toBe(
      `${admin.user.email} declined ${person.user.email}'s claim of badge '${badge.name}': Account under review`,
    );
    expect(claims[1]).toMatch(
      new RegExp(`^${person.user.email} asked to claim badge '${badge.name}' to wallet `),
    );
    // The badge filter takes part of the name too.
    expect((await entries(`&badge=${encodeURIComponent(badge.name.slice(0, 12))}`)).length).toBeGreaterThan(
      2,
    );
  });

  it('shows an unlock as done by the person, with its transaction', async () => {
    const u = await newChainUser(t, { volumeUsd: '100000' });
    const prepared = (await u.call('POST', '/api/nft/unlock')).json();
    const submitted = await u.call('POST', `/api/nft/requests/${prepared.requestId}/submit`, {
      signedTransaction: await u.sign(prepared),
    });
    expect(submitted.json().status, submitted.body).toBe('completed');
    const [row] = await entries(`&person=${u.user.id}`);
    expect(row).toMatchObject({
      category: 'unlock',
      action: 'unlock.completed',
      actor: { kind: 'user', email: u.user.email },
      requestId: prepared.requestId,
    });
    expect(row!.summary).toMatch(
      new RegExp(`^${u.user.email} unlocked Level 1 \\w+ \\(tx \\w{6}…\\w{4}\\)$`),
    );
    expect(row!.txSignature).toBeTruthy();
  });

  it('records reconciliation runs and who resolved a flag', async () => {
    const u = await newChainUser(t, { volumeUsd: '100000' });
    const prepared = (await u.call('POST', '/api/nft/unlock')).json();
    await u.call('POST', `/api/nft/requests/${prepared.requestId}/submit`, {
      signedTransaction: await u.sign(prepared),
    });
    const run = await t.ctx.reconciliation.run('manual', admin.user.id);
    const [nft] = await t.ctx.database.db.select().from(userNfts).where(eq(userNfts.userId, u.user.id));
    const [flag] = await t.ctx.database.db
      .insert(reconciliationFlags)
      .values({ runId: run.id, entityType: 'user_nft', entityId: nft!.id, kind: 'owner_mismatch' })
      .returning();
    const resolved = await callerFor(t, admin.token)(
      'POST',
      `/api/admin/reconciliation/flags/${flag!.id}/resolve`,
      {
        note: 'Checked by hand',
      },
    );
    expect(resolved.statusCode, resolved.body).toBe(200);
    const rows = await summaries('&category=reconciliation');
    expect(rows[0]).toMatch(
      new RegExp(
        `^${admin.user.email} resolved the flag on ${u.user.email}'s Level 1 \\w+ NFT \\(owner mismatch\\): Checked by hand$`,
      ),
    );
    expect(rows).toContain(
      `${admin.user.email} ran a reconciliation: ${run.checked} checked, ${run.corrected} corrected, ${run.flagged} flagged`,
    );
  });

  it('narrows by actor, text and time, and pages newest first without gaps', async () => {
    const all = await entries();
    expect(all.length).toBeGreaterThan(6);
    const times = all.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const byAdmin = await entries(`&actor=${encodeURIComponent(admin.user.email)}`);
    expect(byAdmin.length).toBeGreaterThan(0);
    expect(byAdmin.every((e) => e.actor.email === admin.user.email)).toBe(true);
    expect((await entries('&q=Priority%20support')).map((e) => e.action)).toEqual(['level.updated']);
    expect(await entries(`&to=${encodeURIComponent('2000-01-01T00:00:00Z')}`)).toEqual([]);
    expect((await entries(`&from=${encodeURIComponent(all[0]!.at)}`)).map((e) => e.id)).toContain(all[0]!.id);

    const paged: string[] = [];
    let cursor = '';
    for (let i = 0; i < 100; i++) {
      const page = (await asAdmin(`/api/admin/audit?limit=3${cursor ? `&cursor=${cursor}` : ''}`)).json();
      paged.push(...page.items.map((e: AuditEntry) => e.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(paged).toEqual(all.map((e) => e.id));
  });

  it('exports the same entries as CSV, quoted and safe to open in a spreadsheet', async () => {
    const call = callerFor(t, admin.token);
    const badge = await createBadge(call, { type: 'database', name: '=HYPERLINK("x", "a, b")' });
    const res = await asAdmin(`/api/admin/audit.csv?badge=${badge.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="insignia-audit-.*\.csv"$/);
    const lines = res.body.split('\r\n');
    expect(lines[0]).toBe(
      'time,category,action,summary,actor,actor_kind,person,badge,level,outcome,tx_signature,error,details',
    );
    expect(lines).toHaveLength(3); // header, the one entry, and the final line break
    expect(lines[1]).toContain(
      `,badge,badge.created,"${admin.user.email} created badge '=HYPERLINK(""x"", ""a, b"")'",`,
    );
    // The badge cell starts with "=": prefixed so no spreadsheet runs it.
    expect(lines[1]).toContain(`,admin,,"'=HYPERLINK(""x"", ""a, b"")",,ok,`);
  });

  it('is for admins only, and says which filter is wrong', async () => {
    const user = await t.newUser();
    for (const url of ['/api/admin/audit', '/api/admin/audit.csv']) {
      const res = await t.app.inject({
        method: 'GET',
        url,
        headers: { authorization: `Bearer ${user.token}` },
      });
      expect(res.statusCode).toBe(403);
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    }
    for (const query of [
      'category=everything',
      'level=abc',
      'from=yesterday',
      'cursor=not-a-cursor',
      'limit=0',
      'from=0000-01-01T00:00:00Z',
      `cursor=${btoa('2026-02-30T00:00:00.000000Z|a:00000000-0000-0000-0000-000000000000')}`,
    ]) {
      for (const path of ['/api/admin/audit', '/api/admin/audit.csv']) {
        const res = await asAdmin(`${path}?${query}`);
        expect(res.statusCode, `${path}?${query}`).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION__INVALID_QUERY');
      }
    }
  });
});
