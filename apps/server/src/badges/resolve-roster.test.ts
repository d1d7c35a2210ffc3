import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuancePreview } from '@insignia/contract';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { testDatabaseKind } from '../test-support/test-database.ts';
import { callerFor, createBadge, drainBadgeWorker, insertUsers, type Caller } from './badge-test-fixtures.ts';

describe(`roster checks in the issuance preview (${testDatabaseKind()})`, () => {
  let t: TestApp;
  let admin: Caller;
  beforeAll(async () => {
    t = await createTestApp();
    admin = callerFor(t, (await t.newAdmin()).token);
  });
  afterAll(async () => t.close());

  const preview = async (badgeIds: string[], csv: string) => {
    const res = await admin('POST', '/api/admin/issuances/preview', { badgeIds, recipients: { csv } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<IssuancePreview>();
  };

  it('a value that is no email in a column of emails is an invalid email, not an unknown person', async () => {
    const badge = await createBadge(admin, { type: 'database' });
    const [ann] = await insertUsers(t, 1, 0);
    const pasted = await preview([badge.id], [ann!.email, 'not-an-email', 'ghost@example.com'].join('\n'));
    expect(pasted.rows.map((r) => [r.input, r.status, r.reason])).toEqual([
      [ann!.email, 'accepted', null],
      ['not-an-email', 'rejected', 'invalid'],
      ['ghost@example.com', 'rejected', 'unknown_user'],
    ]);
    expect(pasted.summary).toMatchObject({ rejected: 2, invalid: 1, unknownUsers: 1 });

    // Under an `email` header too; a column of ids is another matter: an unknown id is unknown.
    const underHeader = await preview([badge.id], 'email\nnot-an-email');
    expect(underHeader.rows[0]).toMatchObject({ status: 'rejected', reason: 'invalid' });
    const ids = await preview([badge.id], 'user_id\nnot-an-email');
    expect(ids.rows[0]).toMatchObject({ status: 'rejected', reason: 'unknown_user' });
    // A person's id in a pasted list of emails still names them.
    const mixed = await preview([badge.id], `${(await insertUsers(t, 1, 0))[0]!.email}\n${ann!.id}`);
    expect(mixed.rows.map((r) => r.status)).toEqual(['accepted', 'accepted']);
  });

  it('every rejected row has one reason, and the reasons add up to the rejected total', async () => {
    const [chain, dbOnly] = [
      await createBadge(admin, { type: 'blockchain' }),
      await createBadge(admin, { type: 'database' }),
    ];
    const [holder, walletUser, vaultUser] = await insertUsers(t, 3, 2);
    const first = await admin('POST', '/api/admin/issuances', {
      badgeIds: [chain.id, dbOnly.id],
      recipients: { userIds: [holder!.id] },
    });
    await drainBadgeWorker(t);
    // Of the two issued, one is database-only: the batch does not count it as a wallet's.
    const batch = (await admin('GET', `/api/admin/issuances/${first.json().batch.id}`)).json().batch;
    expect(batch.counts).toMatchObject({ total: 2, issued: 2, databaseOnly: 1, failed: 0 });
    const csv = [
      'email',
      holder!.email, // already holds both badges
      walletUser!.email,
      'not-an-email',
      'not an email@x',
      'ghost@example.com',
      walletUser!.email.toUpperCase(), // the same person again
      vaultUser!.email,
    ].join('\n');
    const p = await preview([chain.id, dbOnly.id], csv);
    const s = p.summary;
    const reasons = p.rows.filter((r) => r.status === 'rejected').map((r) => r.reason);
    expect(reasons).toEqual(['already_issued', 'invalid', 'invalid', 'unknown_user', 'duplicate_row']);
    expect(s).toMatchObject({
      rows: 7,
      accepted: 2,
      rejected: 5,
      invalid: 2,
      unknownUsers: 1,
      duplicateRows: 1,
    });
    const alreadyHeldRows = reasons.filter((r) => r === 'already_issued').length;
    expect(s.invalid + s.unknownUsers + s.duplicateRows + alreadyHeldRows).toBe(s.rejected);
    expect(s.accepted + s.rejected + s.held).toBe(s.rows);

    // Database-only badges go nowhere on chain: not counted as going to a wallet or the vault.
    expect(s).toMatchObject({ issuances: 4, toWallet: 1, toVault: 1, databaseOnly: 2 });
  });
});
