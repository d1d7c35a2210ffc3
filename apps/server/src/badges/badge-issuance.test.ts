import { and, count, eq, inArray, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../events/events-schema.ts';
import { emailLogs } from '../mail/mail-schema.ts';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { testDatabaseKind } from '../test-support/test-database.ts';
import { badgeLogs } from './badge-logs-schema.ts';
import {
  balances,
  callerFor,
  createBadge,
  drainAuthority,
  drainBadgeWorker,
  insertUsers,
  issuancesOf,
  type Caller,
} from './badge-test-fixtures.ts';
import {
  badgeIssuanceBatches,
  badgeIssuances,
  badgeIssuanceTransactions,
  badgeNotifications,
} from './badges-schema.ts';
import { hashRecipient } from './recipient-hash.ts';

describe(`batch issuance (${testDatabaseKind()})`, () => {
  let t: TestApp;
  let admin: Caller;
  beforeAll(async () => {
    t = await createTestApp();
    admin = callerFor(t, (await t.newAdmin()).token);
  });
  afterAll(async () => {
    await t.close();
  });

  const db = () => t.ctx.database.db;

  it('200 users, half with wallets: 100 badges land in wallets and 100 in the vault, with the right emails', async () => {
    const started = Date.now();
    const badge = await createBadge(admin, { type: 'blockchain', name: 'Season One' });
    const people = await insertUsers(t, 200, 100);
    const csv = ['email', ...people.map((p) => p.email)].join('\n');

    const preview = await admin('POST', '/api/admin/issuances/preview', {
      badgeIds: [badge.id],
      recipients: { csv },
    });
    expect(preview.statusCode, preview.body).toBe(200);
    const p = preview.json();
    expect(p.summary).toMatchObject({ rows: 200, accepted: 200, rejected: 0, toWallet: 100, toVault: 100 });
    // 100 wallet token accounts and the vault's, each paying rent; many recipients per transaction.
    expect(p.preflight).toMatchObject({ needsChain: true, newTokenAccounts: 101, canPay: true });
    expect(p.preflight.transactions).toBeLessThan(40);
    expect(p.preflight.recipientsPerTransaction.max).toBeGreaterThanOrEqual(6);
    expect(BigInt(p.preflight.totalLamports)).toBeGreaterThan(BigInt(p.preflight.rentLamports));

    const created = await admin('POST', '/api/admin/issuances', {
      badgeIds: [badge.id],
      recipients: { csv },
    });
    expect(created.statusCode, created.body).toBe(201);
    const batchId = created.json().batch.id;
    expect(created.json().batch).toMatchObject({ status: 'uploading', counts: { total: 200, pending: 200 } });

    await drainBadgeWorker(t);
    const detail = (await admin('GET', `/api/admin/issuances/${batchId}?limit=200`)).json();
    expect(detail.batch).toMatchObject({
      status: 'completed',
      counts: { total: 200, issued: 100, inVault: 100, failed: 0, done: 200 },
    });
    expect(detail.batch.transactions.confirmed).toBe(detail.batch.transactions.total);
    expect(detail.batch.transactions.total).toBe(p.preflight.transactions);
    // The catalogue counts them too (the admin sees "Issued 200 times" and is offered Archive).
    expect((await admin('GET', `/api/admin/badges/${badge.id}`)).json().issuedCount).toBe(200);

    // On chain: one unit in each wallet's token account, a hundred in the vault's.
    const wallets = people.filter((u) => u.wallet).map((u) => u.wallet!.address);
    expect(await balances(t, badge.mintAddress!, wallets)).toEqual(wallets.map(() => 1n));
    expect(await balances(t, badge.mintAddress!, [t.ctx.chain.vault.address])).toEqual([100n]);

    const rows = await issuancesOf(t, batchId);
    for (const row of rows) {
      expect(row.metadataCid).toMatch(/^bafkrei/);
      expect(row.mintSignature).toBeTruthy();
      expect(row.recipientHash).toBe(hashRecipient(t.ctx.config.recipientHashSalt, row.userId));
    }
    // The IPFS payload names the recipient by salted hash only.
    const sample = rows[0]!;
    const payload = JSON.parse(Buffer.from(await t.ctx.ipfs.get(sample.metadataCid!)).toString('utf8'));
    expect(payload).toMatchObject({
      issuanceId: sample.id,
      badge: { id: badge.id, tokenId: badge.mintAddress },
      recipient: { hash: sample.recipientHash },
    });
    const person = people.find((u) => u.id === sample.userId)!;
    expect(JSON.stringify(payload)).not.toContain(person.email);
    expect(JSON.stringify(payload)).not.toContain(sample.userId);
    // ... and the mint transaction carries that CID in a memo.
    // Read from the instructions, not the logs: a full transaction's logs are truncated.
    const onChain = await t.ctx.chain.rpc.rpc
      .getTransaction(sample.mintSignature!, { maxSupportedTransactionVersion: 0, encoding: 'jsonParsed' })
      .send();
    const memos = onChain?.transaction.message.instructions.flatMap((ix) =>
      'parsed' in ix && ix.program === 'spl-memo' ? [ix.parsed] : [],
    );
    expect(memos).toContain(sample.metadataCid);

    // Emails: one per issuance, the wallet ones with the mint transaction id.
    const emails = await db()
      .select()
      .from(emailLogs)
      .where(
        inArray(
          emailLogs.issuanceId,
          rows.map((r) => r.id),
        ),
      );
    const byType = (type: string) => emails.filter((e) => e.notificationType === type);
    expect(byType('badge_minted_to_wallet')).toHaveLength(100);
    expect(byType('badge_in_vault')).toHaveLength(100);
    for (const e of byType('badge_minted_to_wallet')) {
      const row = rows.find((r) => r.id === e.issuanceId)!;
      expect(row.destination).toBe('wallet');
      expect(e.metadata).toMatchObject({
        data: { mintSignature: row.mintSignature, walletAddress: row.walletAddress },
      });
    }
    const mailed = await t.ctx.mailer.processDue({ limit: 5 });
    expect(mailed.sent).toBe(5);

    // Notifications, audit entries and live events.
    const [notes] = await db()
      .select({ n: count() })
      .from(badgeNotifications)
      .where(
        inArray(
          badgeNotifications.issuanceId,
          rows.map((r) => r.id),
        ),
      );
    expect(notes!.n).toBe(200);
    const minted = (
      await admin('GET', `/api/admin/badge-logs?action=issuance.minted&badgeId=${badge.id}&limit=200`)
    ).json();
    expect(minted.total).toBe(200);
    expect(minted.items[0].txSignature).toBeTruthy();
    const issuedEvents = await db()
      .select({ n: count() })
      .from(outbox)
      .where(
        and(
          eq(outbox.type, 'badge.issued'),
          inArray(
            outbox.key,
            people.map((u) => u.id),
          ),
        ),
      );
    expect(issuedEvents[0]!.n).toBe(200);
    const progress = await db()
      .select()
      .from(outbox)
      .where(and(eq(outbox.type, 'issuance.progress'), isNull(outbox.key)));
    expect(
      progress.some((e) => (e.payload as { batchId: string; status: string }).status === 'completed'),
    ).toBe(true);

    const emailView = (await admin('GET', '/api/admin/email-logs?type=badge_in_vault&limit=200')).json();
    expect(emailView.total).toBe(100);
    const sentView = (await admin('GET', '/api/admin/email-logs?status=sent')).json();
    expect(sentView.total).toBe(5);
    const batches = (await admin('GET', '/api/admin/issuances?status=completed')).json();
    expect(batches.items.map((b: { id: string }) => b.id)).toContain(batchId);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 90_000);

  it('a database-only badge is issued at once with a notification, touching neither chain nor mail', async () => {
    const badge = await createBadge(admin, { type: 'database', name: 'Helpful' });
    expect(badge.mintAddress).toBeNull();
    const people = await insertUsers(t, 3, 1);
    const { value: before } = await t.ctx.chain.rpc.rpc.getBalance(t.ctx.chain.authority.address).send();
    const preview = (
      await admin('POST', '/api/admin/issuances/preview', {
        badgeIds: [badge.id],
        recipients: { userIds: people.map((u) => u.id) },
      })
    ).json();
    expect(preview.preflight).toMatchObject({ needsChain: false, transactions: 0, totalLamports: '0' });
    expect(preview.rows.map((r: { destination: string }) => r.destination)).toEqual(['none', 'none', 'none']);
    const created = await admin('POST', '/api/admin/issuances', {
      badgeIds: [badge.id],
      recipients: { userIds: people.map((u) => u.id) },
    });
    const batchId = created.json().batch.id;
    await drainBadgeWorker(t);
    const rows = await issuancesOf(t, batchId);
    expect(rows.map((r) => [r.status, r.destination, r.mintSignature])).toEqual(
      rows.map(() => ['issued', 'none', null]),
    );
    expect(rows.every((r) => r.metadataCid)).toBe(true);
    const ids = rows.map((r) => r.id);
    expect((await db().select().from(emailLogs).where(inArray(emailLogs.issuanceId, ids))).length).toBe(0);
    expect(
      (
        await db()
          .select()
          .from(badgeIssuanceTransactions)
          .where(eq(badgeIssuanceTransactions.batchId, batchId))
      ).length,
    ).toBe(0);
    expect(
      (await db().select().from(badgeNotifications).where(inArray(badgeNotifications.issuanceId, ids)))
        .length,
    ).toBe(3);
    const { value: after } = await t.ctx.chain.rpc.rpc.getBalance(t.ctx.chain.authority.address).send();
    expect(after).toBe(before);
    const batch = (await admin('GET', `/api/admin/issuances/${batchId}`)).json().batch;
    expect(batch).toMatchObject({ status: 'completed', counts: { issued: 3 } });
  });

  it('a batch’s view: its badges in order, its creator, issuances by status (database-only apart) and transactions', async () => {
    const { token, user: creator } = await t.newAdmin();
    const creatorCaller = callerFor(t, token);
    const onChain = await createBadge(creatorCaller, { type: 'blockchain', name: 'View chain' });
    const inDatabase = await createBadge(creatorCaller, { type: 'database', name: 'View database' });
    const people = await insertUsers(t, 3, 2);
    const created = await creatorCaller('POST', '/api/admin/issuances', {
      badgeIds: [onChain.id, inDatabase.id],
      recipients: { userIds: people.map((u) => u.id) },
    });
    expect(created.statusCode, created.body).toBe(201);
    const fresh = created.json().batch;
    expect(fresh.createdBy).toEqual({ id: creator.id, email: creator.email });
    expect(fresh.badges).toEqual([
      { id: onChain.id, name: 'View chain', type: 'blockchain' },
      { id: inDatabase.id, name: 'View database', type: 'database' },
    ]);
    expect(fresh.counts).toMatchObject({ total: 6, pending: 6, issued: 0, databaseOnly: 0 });
    expect(fresh.transactions).toEqual({
      total: 0,
      awaitingSignature: 0,
      sent: 0,
      confirmed: 0,
      failed: 0,
      expired: 0,
    });

    await drainBadgeWorker(t);
    const done = (await admin('GET', `/api/admin/issuances/${fresh.id}`)).json().batch;
    // Two wallets get the on-chain badge, one goes to the vault; all three get the database one.
    expect(done.counts).toMatchObject({
      total: 6,
      pending: 0,
      issued: 5,
      inVault: 1,
      databaseOnly: 3,
      done: 6,
    });
    expect(done.transactions.total).toBeGreaterThan(0);
    expect(done.transactions.confirmed).toBe(done.transactions.total);
    const listed = (await admin('GET', '/api/admin/issuances?limit=50')).json().items;
    expect(listed.find((b: { id: string }) => b.id === fresh.id)).toEqual(done);
  });

  it('a roster with unknown, malformed and repeated rows is checked row by row; only known users are issued', async () => {
    const badge = await createBadge(admin, { type: 'blockchain' });
    const [a, b] = await insertUsers(t, 2, 1);
    const csv = [
      'name,email',
      `Ann,${a!.email.toUpperCase()}`,
      'Nobody,nobody@example.com',
      'Broken,not an email',
      `Ann again,${a!.email}`,
      '',
      `Bob,"${b!.email}"`,
    ].join('\r\n');
    const preview = (
      await admin('POST', '/api/admin/issuances/preview', { badgeIds: [badge.id], recipients: { csv } })
    ).json();
    expect(
      preview.rows.map((r: { line: number; status: string; reason: string | null }) => [
        r.line,
        r.status,
        r.reason,
      ]),
    ).toEqual([
      [2, 'accepted', null],
      [3, 'rejected', 'unknown_user'],
      [4, 'rejected', 'invalid'],
      [5, 'rejected', 'duplicate_row'],
      [7, 'accepted', null],
    ]);
    expect(preview.rows[0]).toMatchObject({ destination: 'wallet', user: { id: a!.id } });
    expect(preview.rows[4]).toMatchObject({ destination: 'vault', user: { id: b!.id } });
    expect(preview.summary).toMatchObject({
      accepted: 2,
      rejected: 3,
      unknownUsers: 1,
      invalid: 1,
      duplicateRows: 1,
    });

    const created = (
      await admin('POST', '/api/admin/issuances', { badgeIds: [badge.id], recipients: { csv } })
    ).json();
    expect(created.summary.issuances).toBe(2);
    await drainBadgeWorker(t);
    const rows = await issuancesOf(t, created.batch.id);
    expect(rows.map((r) => r.userId).sort()).toEqual([a!.id, b!.id].sort());

    // Nothing but unknown rows: refused, and no batch is created.
    const [batchesBefore] = await db().select({ n: count() }).from(badgeIssuanceBatches);
    const none = await admin('POST', '/api/admin/issuances', {
      badgeIds: [badge.id],
      recipients: { emails: ['ghost@example.com', 'nope'] },
    });
    expect([none.statusCode, none.json().error.code]).toEqual([400, 'BADGE__NO_RECIPIENTS']);
    expect(none.json().error.details.rejected.map((r: { reason: string }) => r.reason)).toEqual([
      'unknown_user',
      'invalid',
    ]);
    const [batchesAfter] = await db().select({ n: count() }).from(badgeIssuanceBatches);
    expect(batchesAfter!.n).toBe(batchesBefore!.n);
  });

  it('duplicates are reported, not re-issued; a batch of nothing new is refused', async () => {
    const [blockchain, database] = [
      await createBadge(admin, { type: 'blockchain' }),
      await createBadge(admin, { type: 'database' }),
    ];
    const [a, b] = await insertUsers(t, 2, 2);
    await admin('POST', '/api/admin/issuances', {
      badgeIds: [blockchain.id],
      recipients: { userIds: [a!.id] },
    });
    await drainBadgeWorker(t);

    const second = (
      await admin('POST', '/api/admin/issuances', {
        badgeIds: [blockchain.id, database.id],
        recipients: { userIds: [a!.id, b!.id] },
      })
    ).json();
    expect(second.summary).toMatchObject({ accepted: 2, alreadyIssued: 1, issuances: 3 });
    expect(second.rows[0].badges).toEqual([
      { badgeId: blockchain.id, destination: 'wallet', status: 'already_issued' },
      { badgeId: database.id, destination: 'none', status: 'will_issue' },
    ]);
    await drainBadgeWorker(t);
    expect(await balances(t, blockchain.mintAddress!, [a!.wallet!.address, b!.wallet!.address])).toEqual([
      1n,
      1n,
    ]);
    const held = await db()
      .select()
      .from(badgeIssuances)
      .where(and(eq(badgeIssuances.badgeId, blockchain.id), eq(badgeIssuances.userId, a!.id)));
    expect(held).toHaveLength(1);

    const again = await admin('POST', '/api/admin/issuances', {
      badgeIds: [blockchain.id, database.id],
      recipients: { userIds: [a!.id, b!.id] },
    });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'BADGE__NOTHING_TO_ISSUE']);
  });

  it('refuses bad issuance requests with codes and changes nothing', async () => {
    const badge = await createBadge(admin, { type: 'database' });
    const [batchesBefore] = await db().select({ n: count() }).from(badgeIssuanceBatches);
    const [logsBefore] = await db().select({ n: count() }).from(badgeLogs);
    const cases: [object, number, string][] = [
      [{ badgeIds: [], recipients: { emails: ['a@b.co'] } }, 400, 'VALIDATION__INVALID_BODY'],
      [{ badgeIds: [badge.id], recipients: {} }, 400, 'VALIDATION__INVALID_BODY'],
      [
        { badgeIds: [badge.id, badge.id], recipients: { emails: ['a@b.co'] } },
        400,
        'VALIDATION__INVALID_BODY',
      ],
      [
        { badgeIds: [badge.id], recipients: { emails: ['a@b.co'] }, signingMode: 'magic' },
        400,
        'VALIDATION__INVALID_BODY',
      ],
      [
        { badgeIds: ['7d2f3b9c-1111-4222-8333-944455566677'], recipients: { emails: ['a@b.co'] } },
        404,
        'BADGE__NOT_FOUND',
      ],
      [{ badgeIds: [badge.id], recipients: { csv: 'x\n'.repeat(20_001) } }, 400, 'BADGE__ROSTER_TOO_LARGE'],
      [
        { badgeIds: [badge.id], recipients: { emails: ['a@b.co'] }, signingMode: 'admin_wallet' },
        409,
        'BADGE__ADMIN_WALLET_REQUIRED',
      ],
    ];
    for (const [body, status, code] of cases) {
      const res = await admin('POST', '/api/admin/issuances', body);
      expect([res.statusCode, res.json().error.code], JSON.stringify(body).slice(0, 100)).toEqual([
        status,
        code,
      ]);
    }
    const retry = await admin('POST', '/api/admin/issuances/7d2f3b9c-1111-4222-8333-944455566677/retry');
    expect([retry.statusCode, retry.json().error.code]).toEqual([404, 'BADGE__ISSUANCE_NOT_FOUND']);
    const missing = await admin('GET', '/api/admin/issuances/7d2f3b9c-1111-4222-8333-944455566677');
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'BADGE__BATCH_NOT_FOUND']);
    const badQuery = await admin('GET', '/api/admin/badge-logs?from=yesterday');
    expect(badQuery.json().error.code).toBe('VALIDATION__INVALID_QUERY');
    const [batchesAfter] = await db().select({ n: count() }).from(badgeIssuanceBatches);
    const [logsAfter] = await db().select({ n: count() }).from(badgeLogs);
    expect([batchesAfter!.n, logsAfter!.n]).toEqual([batchesBefore!.n, logsBefore!.n]);
  });

  it('refuses to start when the authority cannot pay', async () => {
    const badge = await createBadge(admin, { type: 'blockchain' });
    const people = await insertUsers(t, 1, 1);
    const restore = await drainAuthority(t);
    try {
      const preview = (
        await admin('POST', '/api/admin/issuances/preview', {
          badgeIds: [badge.id],
          recipients: { userIds: [people[0]!.id] },
        })
      ).json();
      expect(preview.preflight.canPay).toBe(false);
      const res = await admin('POST', '/api/admin/issuances', {
        badgeIds: [badge.id],
        recipients: { userIds: [people[0]!.id] },
      });
      expect([res.statusCode, res.json().error.code]).toEqual([402, 'BADGE__AUTHORITY_CANNOT_PAY']);
      expect(
        (await db().select().from(badgeIssuances).where(eq(badgeIssuances.badgeId, badge.id))).length,
      ).toBe(0);
    } finally {
      await restore();
    }
    const ok = await admin('POST', '/api/admin/issuances', {
      badgeIds: [badge.id],
      recipients: { userIds: [people[0]!.id] },
    });
    expect(ok.statusCode).toBe(201);
    await drainBadgeWorker(t);
    expect(await balances(t, badge.mintAddress!, [people[0]!.wallet!.address])).toEqual([1n]);
  });
});
