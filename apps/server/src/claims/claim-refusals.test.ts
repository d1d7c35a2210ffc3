import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthResponse } from '@insignia/contract';
import { badgeLogs } from '../badges/badge-logs-schema.ts';
import { badgeIssuances } from '../badges/badges-schema.ts';
import { outbox, webhookDeliveries } from '../events/events-schema.ts';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { newChainUser, type ChainUser } from '../test-support/test-chain-user.ts';
import { testDatabaseKind } from '../test-support/test-database.ts';
import { claimIntents } from './claims-schema.ts';
import {
  createChainBadge,
  createDatabaseBadge,
  issueDatabaseBadge,
  issueToVault,
  issueToWallet,
  startWebhookReceiver,
  type BadgeRow,
} from './test-claim-fixtures.ts';

describe(`claims that are refused (${testDatabaseKind()})`, () => {
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let admin: AuthResponse;
  let badge: BadgeRow;
  let u: ChainUser;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    t = await createTestApp({ ADMIN_WEBHOOK_URL: receiver.url });
    admin = await t.newAdmin();
    badge = await createChainBadge(t);
    u = await newChainUser(t);
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  /** Row counts a refused claim must leave as they were. */
  async function snapshot() {
    const db = t.ctx.database.db;
    const n = async (
      table: typeof claimIntents | typeof badgeLogs | typeof outbox | typeof webhookDeliveries,
    ) => (await db.select({ n: count() }).from(table))[0]!.n;
    const statuses = await db
      .select({ id: badgeIssuances.id, status: badgeIssuances.status })
      .from(badgeIssuances);
    return {
      claims: await n(claimIntents),
      logs: await n(badgeLogs),
      events: await n(outbox),
      webhooks: await n(webhookDeliveries),
      statuses: Object.fromEntries(statuses.map((s) => [s.id, s.status])),
    };
  }

  async function expectRefused(user: ChainUser, issuanceIds: string[], status: number, code: string) {
    const before = await snapshot();
    const res = await user.call('POST', '/api/badges/claims', { issuanceIds });
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error.code).toBe(code);
    expect(await snapshot()).toEqual(before);
  }

  it('refuses a second claim of the same badge, even when both arrive at once', async () => {
    const issuance = await issueToVault(t, badge, u.user.id);
    const racing = await Promise.all(
      [1, 2, 3].map(() => u.call('POST', '/api/badges/claims', { issuanceIds: [issuance.id] })),
    );
    expect(racing.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    for (const r of racing.filter((x) => x.statusCode === 409))
      expect(r.json().error.code).toBe('CLAIM__ALREADY_REQUESTED');
    expect(
      await t.ctx.database.db.select().from(claimIntents).where(eq(claimIntents.issuanceId, issuance.id)),
    ).toHaveLength(1);
    await expectRefused(u, [issuance.id], 409, 'CLAIM__ALREADY_REQUESTED');
  });

  it("refuses another user's badge as if it did not exist, and an unknown one", async () => {
    const other = await newChainUser(t);
    const theirs = await issueToVault(t, badge, other.user.id);
    await expectRefused(u, [theirs.id], 404, 'CLAIM__ISSUANCE_NOT_FOUND');
    await expectRefused(u, ['00000000-0000-4000-8000-000000000000'], 404, 'CLAIM__ISSUANCE_NOT_FOUND');
  });

  it('refuses a badge that is not in the vault: database-only, or minted to the wallet', async () => {
    const kudos = await issueDatabaseBadge(t, await createDatabaseBadge(t), u.user.id);
    await expectRefused(u, [kudos.id], 409, 'CLAIM__NOT_IN_VAULT');
    const inWallet = await issueToWallet(t, await createChainBadge(t), u.user.id, u.wallet.address);
    await expectRefused(u, [inWallet.id], 409, 'CLAIM__NOT_IN_VAULT');
  });

  it('claims nothing when one badge of a selection is refused', async () => {
    const fine = await issueToVault(t, await createChainBadge(t), u.user.id);
    const kudos = await issueDatabaseBadge(t, await createDatabaseBadge(t), u.user.id);
    await expectRefused(u, [fine.id, kudos.id], 409, 'CLAIM__NOT_IN_VAULT');
    const [row] = await t.ctx.database.db.select().from(badgeIssuances).where(eq(badgeIssuances.id, fine.id));
    expect(row!.status).toBe('in_vault');
  });

  it('answers bad input with 4xx codes and changes nothing', async () => {
    const issuance = await issueToVault(t, await createChainBadge(t), u.user.id);
    const before = await snapshot();
    const bodies: unknown[] = [
      {},
      { issuanceIds: [] },
      { issuanceIds: ['not-a-uuid'] },
      { issuanceIds: [issuance.id, issuance.id] },
      { issuanceIds: Array.from({ length: 51 }, () => crypto.randomUUID()) },
      // The profile wallet is the only destination: a wallet in the body is refused.
      { issuanceIds: [issuance.id], walletAddress: u.wallet.address },
      [issuance.id],
    ];
    for (const payload of bodies) {
      const res = await u.call('POST', '/api/badges/claims', payload as object);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION__INVALID_BODY');
    }
    const text = await t.app.inject({
      method: 'POST',
      url: '/api/badges/claims',
      headers: { authorization: `Bearer ${u.token}`, 'content-type': 'text/plain' },
      payload: 'claim it',
    });
    expect(text.statusCode).toBe(415);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/badges/claims',
      payload: { issuanceIds: [issuance.id] },
    });
    expect(anonymous.statusCode).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  it('keeps the admin queue to admins and explains refused decisions', async () => {
    const issuance = await issueToVault(t, await createChainBadge(t), u.user.id);
    const [claim] = (await u.call('POST', '/api/badges/claims', { issuanceIds: [issuance.id] })).json().items;
    for (const [method, url, payload] of [
      ['GET', '/api/admin/claims', undefined],
      ['POST', `/api/admin/claims/${claim.id}/approve`, { signingMode: 'server' }],
      ['POST', `/api/admin/claims/${claim.id}/reject`, { reason: 'nope nope' }],
      ['GET', `/api/admin/claims/${claim.id}/transaction`, undefined],
    ] as const) {
      const res = await u.call(method, url, payload);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code).toBe('AUTH__FORBIDDEN');
    }

    const asAdmin = (method: 'GET' | 'POST', url: string, payload?: object) =>
      t.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${admin.token}` },
        ...(payload ? { payload } : {}),
      });
    const cases: [string, string, object | undefined, number, string][] = [
      [
        'POST',
        `/api/admin/claims/${claim.id}/approve`,
        { signingMode: 'vault' },
        400,
        'VALIDATION__INVALID_BODY',
      ],
      [
        'POST',
        `/api/admin/claims/${claim.id}/approve`,
        { signingMode: 'admin_wallet', adminWallet: 'not-base58!' },
        400,
        'VALIDATION__INVALID_BODY',
      ],
      [
        'POST',
        `/api/admin/claims/${claim.id}/approve`,
        { signingMode: 'admin_wallet', adminWallet: t.ctx.chain.vault.address },
        400,
        'VALIDATION__INVALID_ADDRESS',
      ],
      ['POST', `/api/admin/claims/${claim.id}/reject`, { reason: 'no' }, 400, 'VALIDATION__INVALID_BODY'],
      [
        'POST',
        `/api/admin/claims/not-a-uuid/approve`,
        { signingMode: 'server' },
        400,
        'VALIDATION__INVALID_PARAMS',
      ],
      [
        'POST',
        `/api/admin/claims/${crypto.randomUUID()}/approve`,
        { signingMode: 'server' },
        404,
        'CLAIM__NOT_FOUND',
      ],
      ['GET', `/api/admin/claims/${claim.id}/transaction`, undefined, 409, 'CLAIM__NOT_AWAITING_SIGNATURE'],
      [
        'POST',
        `/api/admin/claims/${claim.id}/signed`,
        { signedTransaction: 'A'.repeat(200) },
        409,
        'CLAIM__NOT_AWAITING_SIGNATURE',
      ],
      ['GET', '/api/admin/claims?status=lost', undefined, 400, 'VALIDATION__INVALID_QUERY'],
      ['GET', '/api/admin/claims?limit=0', undefined, 400, 'VALIDATION__INVALID_QUERY'],
    ];
    const before = await snapshot();
    for (const [method, url, payload, status, code] of cases) {
      const res = await asAdmin(method as 'GET' | 'POST', url, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
    expect(await snapshot()).toEqual(before);

    const listed = (await asAdmin('GET', '/api/admin/claims?status=pending,approved&limit=1')).json();
    expect(listed.items).toHaveLength(1);
    expect(listed.total).toBeGreaterThanOrEqual(2);
    const rejected = await asAdmin('POST', `/api/admin/claims/${claim.id}/reject`, {
      reason: 'duplicate account',
    });
    expect(rejected.json().status).toBe('rejected');
    const twice = await asAdmin('POST', `/api/admin/claims/${claim.id}/reject`, {
      reason: 'duplicate account',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({ code: 'CLAIM__NOT_PENDING', details: { status: 'rejected' } });
  });
});
