import { address } from '@solana/kit';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchMintInfo } from '../chain/fetch-mint-info.ts';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { testDatabaseKind } from '../test-support/test-database.ts';
import { badgeLogs } from './badge-logs-schema.ts';
import { badgeMintAddress } from './badge-mint-creator.ts';
import { callerFor, createBadge, drainBadgeWorker, PNG_BASE64, type Caller } from './badge-test-fixtures.ts';
import { badgeCategories, badges } from './badges-schema.ts';

describe(`badge catalogue (${testDatabaseKind()})`, () => {
  let t: TestApp;
  let admin: Caller;
  let adminId: string;
  beforeAll(async () => {
    t = await createTestApp();
    const a = await t.newAdmin();
    admin = callerFor(t, a.token);
    adminId = a.user.id;
  });
  afterAll(async () => {
    await t.close();
  });

  const rowCounts = async () => {
    const db = t.ctx.database.db;
    const [[b], [c], [l]] = await Promise.all([
      db.select({ n: count() }).from(badges),
      db.select({ n: count() }).from(badgeCategories),
      db.select({ n: count() }).from(badgeLogs),
    ]);
    return { badges: b!.n, categories: c!.n, logs: l!.n };
  };

  it('creates a blockchain badge: image and metadata on IPFS, its Token-2022 mint on chain as the token id', async () => {
    const category = await admin('POST', '/api/admin/badge-categories', {
      name: 'Trading',
      description: 'Volume feats',
    });
    expect(category.statusCode).toBe(201);
    const badge = await createBadge(admin, {
      type: 'blockchain',
      name: 'Early Trader',
      categoryId: category.json().id,
    });
    expect(badge).toMatchObject({
      status: 'active',
      type: 'blockchain',
      category: { name: 'Trading' },
      image: { contentType: 'image/png' },
      mintAddress: await badgeMintAddress(t.ctx.chain, badge.id),
    });
    expect(badge.mintSignature).toBeTruthy();
    const mint = await fetchMintInfo(t.ctx.chain.rpc.rpc, address(badge.mintAddress!));
    expect(mint).toMatchObject({
      decimals: 0,
      supply: 0n,
      mintAuthority: t.ctx.chain.authority.address,
      metadata: { name: 'Early Trader', symbol: 'BADGE', uri: badge.metadata!.uri },
    });
    // The metadata JSON and the image are served by the app's own IPFS gateway.
    const metadata = await t.app.inject({ method: 'GET', url: `/ipfs/${badge.metadata!.cid}` });
    expect(metadata.json()).toMatchObject({ name: 'Early Trader', image: badge.image!.uri });
    const image = await t.app.inject({ method: 'GET', url: `/ipfs/${badge.image!.cid}` });
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.rawPayload.equals(Buffer.from(PNG_BASE64, 'base64'))).toBe(true);

    const logs = await t.ctx.database.db.select().from(badgeLogs).where(eq(badgeLogs.badgeId, badge.id));
    expect(logs.map((l) => l.actionType).sort()).toEqual(['badge.created', 'badge.mint_created']);
    expect(logs.find((l) => l.actionType === 'badge.created')?.performedBy).toBe(adminId);
    expect(logs.find((l) => l.actionType === 'badge.mint_created')?.blockchainTxSignature).toBe(
      badge.mintSignature,
    );
  });

  it('a crash after the mint transaction was sent activates the badge from the chain, with one mint', async () => {
    const badge = await createBadge(admin, { type: 'blockchain' });
    // Back to the state right after sending: the row says `creating`, the chain has the mint.
    await t.ctx.database.db.update(badges).set({ status: 'creating' }).where(eq(badges.id, badge.id));
    await drainBadgeWorker(t);
    const again = (await admin('GET', `/api/admin/badges/${badge.id}`)).json();
    expect(again).toMatchObject({
      status: 'active',
      mintAddress: badge.mintAddress,
      mintSignature: badge.mintSignature,
    });
    expect(await fetchMintInfo(t.ctx.chain.rpc.rpc, address(badge.mintAddress!))).toMatchObject({
      supply: 0n,
    });
  });

  it('lists with filters and paging, edits what is not on chain, locks what is', async () => {
    const db1 = await createBadge(admin, { type: 'database', name: 'Helpful Member' });
    const chain1 = await createBadge(admin, { type: 'blockchain', name: 'Whale' });
    const list = (await admin('GET', '/api/admin/badges?type=database&limit=50')).json();
    expect(list.items.every((b: { type: string }) => b.type === 'database')).toBe(true);
    expect(list.items.map((b: { id: string }) => b.id)).toContain(db1.id);
    const searched = (await admin('GET', '/api/admin/badges?q=whale')).json();
    expect(searched.items.map((b: { id: string }) => b.id)).toEqual([chain1.id]);
    const paged = (await admin('GET', '/api/admin/badges?limit=1&offset=1')).json();
    expect(paged.items).toHaveLength(1);
    expect(paged.total).toBeGreaterThanOrEqual(3);

    const renamed = await admin('PATCH', `/api/admin/badges/${db1.id}`, {
      name: 'Very Helpful',
      image: null,
    });
    expect(renamed.json()).toMatchObject({ name: 'Very Helpful', image: null });
    const described = await admin('PATCH', `/api/admin/badges/${chain1.id}`, { description: 'Big volume' });
    expect(described.json()).toMatchObject({ description: 'Big volume', name: 'Whale' });
    const locked = await admin('PATCH', `/api/admin/badges/${chain1.id}`, { name: 'Shark' });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error).toMatchObject({
      code: 'BADGE__ON_CHAIN_FIELD_LOCKED',
      details: { fields: ['name'] },
    });
  });

  it('deletes a badge never issued, archives one with a mint, and brings it back', async () => {
    const plain = await createBadge(admin, { type: 'database' });
    expect((await admin('DELETE', `/api/admin/badges/${plain.id}`)).json()).toEqual({
      outcome: 'deleted',
      badge: null,
    });
    expect((await admin('GET', `/api/admin/badges/${plain.id}`)).statusCode).toBe(404);

    const onChain = await createBadge(admin, { type: 'blockchain' });
    const archived = (await admin('DELETE', `/api/admin/badges/${onChain.id}`)).json();
    expect(archived).toMatchObject({ outcome: 'archived', badge: { status: 'archived' } });
    const hidden = (await admin('GET', '/api/admin/badges?limit=200')).json();
    expect(hidden.items.map((b: { id: string }) => b.id)).not.toContain(onChain.id);
    const issue = await admin('POST', '/api/admin/issuances/preview', {
      badgeIds: [onChain.id],
      recipients: { emails: ['someone@example.com'] },
    });
    expect(issue.json().error.code).toBe('BADGE__NOT_ISSUABLE');
    const back = await admin('PATCH', `/api/admin/badges/${onChain.id}`, { archived: false });
    expect(back.json().status).toBe('active');
  });

  it('categories: unique names, no deleting one in use, every change audited', async () => {
    const c = (await admin('POST', '/api/admin/badge-categories', { name: 'Community' })).json();
    const dup = await admin('POST', '/api/admin/badge-categories', { name: 'Community' });
    expect([dup.statusCode, dup.json().error.code]).toEqual([409, 'BADGE__CATEGORY_NAME_TAKEN']);
    const badge = await createBadge(admin, { type: 'database', categoryId: c.id });
    const listed = (await admin('GET', '/api/admin/badge-categories')).json();
    expect(listed.items).toContainEqual(expect.objectContaining({ id: c.id, badgeCount: 1 }));
    const inUse = await admin('DELETE', `/api/admin/badge-categories/${c.id}`);
    expect([inUse.statusCode, inUse.json().error.code]).toEqual([409, 'BADGE__CATEGORY_IN_USE']);
    await admin('PATCH', `/api/admin/badges/${badge.id}`, { categoryId: null });
    expect(
      (await admin('PATCH', `/api/admin/badge-categories/${c.id}`, { description: 'People' })).json(),
    ).toMatchObject({
      name: 'Community',
      description: 'People',
      badgeCount: 0,
    });
    expect((await admin('DELETE', `/api/admin/badge-categories/${c.id}`)).statusCode).toBe(204);
    const logs = (await admin('GET', '/api/admin/badge-logs?entity=category&limit=200')).json();
    const forC = logs.items.filter(
      (l: { oldValue: { name?: string } | null; newValue: { name?: string } | null }) =>
        [l.oldValue?.name, l.newValue?.name].includes('Community'),
    );
    expect(forC.map((l: { action: string }) => l.action).sort()).toEqual([
      'category.created',
      'category.deleted',
      'category.updated',
    ]);
  });

  it('refuses bad images, bad bodies and unknown ids with codes, changing nothing', async () => {
    const before = await rowCounts();
    const html = Buffer.from('<html><script>alert(1)</script></html>').toString('base64');
    const cases: [object, number, string][] = [
      [
        { name: 'X', type: 'database', image: { contentType: 'image/png', data: html } },
        400,
        'BADGE__IMAGE_INVALID',
      ],
      [
        { name: 'X', type: 'database', image: { contentType: 'image/jpeg', data: PNG_BASE64 } },
        400,
        'BADGE__IMAGE_INVALID',
      ],
      [
        {
          name: 'X',
          type: 'database',
          // One byte over 512 KiB: the longest base64 the schema lets through.
          image: { contentType: 'image/png', data: Buffer.alloc(512 * 1024 + 1, 1).toString('base64') },
        },
        413,
        'BADGE__IMAGE_TOO_LARGE',
      ],
      [{ name: 'X', type: 'nft' }, 400, 'VALIDATION__INVALID_BODY'],
      [{ name: '', type: 'database' }, 400, 'VALIDATION__INVALID_BODY'],
      [{ name: 'X', type: 'database', extra: 1 }, 400, 'VALIDATION__INVALID_BODY'],
      [
        { name: 'X', type: 'database', categoryId: '7d2f3b9c-1111-4222-8333-944455566677' },
        404,
        'BADGE__CATEGORY_NOT_FOUND',
      ],
    ];
    for (const [body, status, code] of cases) {
      const res = await admin('POST', '/api/admin/badges', body);
      expect([res.statusCode, res.json().error.code], JSON.stringify(body).slice(0, 80)).toEqual([
        status,
        code,
      ]);
    }
    const unknown = await admin('PATCH', '/api/admin/badges/7d2f3b9c-1111-4222-8333-944455566677', {
      description: 'x',
    });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'BADGE__NOT_FOUND']);
    expect((await admin('GET', '/api/admin/badges/not-a-uuid')).statusCode).toBe(400);
    expect(await rowCounts()).toEqual(before);
  });

  it('documents every admin badge route in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of [
      '/api/admin/badge-categories',
      '/api/admin/badges/{id}',
      '/api/admin/issuances/preview',
      '/api/admin/issuances/{id}/transactions',
      '/api/admin/issuances/{id}/signed',
      '/api/admin/badge-logs',
      '/api/admin/email-logs',
      '/api/admin/webhook-deliveries',
    ])
      expect(Object.keys(doc.paths)).toContain(path);
  });

  it('is for admins only', async () => {
    const user = await t.newUser();
    const asUser = callerFor(t, user.token);
    for (const [method, url] of [
      ['GET', '/api/admin/badges'],
      ['POST', '/api/admin/badges'],
      ['GET', '/api/admin/badge-categories'],
      ['POST', '/api/admin/issuances/preview'],
      ['GET', '/api/admin/issuances'],
      ['GET', '/api/admin/badge-logs'],
      ['GET', '/api/admin/email-logs'],
      ['GET', '/api/admin/webhook-deliveries'],
    ] as const) {
      const res = await asUser(method, url, method === 'POST' ? { name: 'X', type: 'database' } : undefined);
      expect([url, res.statusCode, res.json().error.code]).toEqual([url, 403, 'AUTH__FORBIDDEN']);
      const anonymous = await t.app.inject({ method, url });
      expect(anonymous.statusCode).toBe(401);
    }
  });
});
