import {
  generateKeyPairSigner,
  getBase64EncodedWireTransaction,
  getTransactionDecoder,
  partiallySignTransaction,
  signBytes,
  type KeyPairSigner,
} from '@solana/kit';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuanceTransactions } from '@insignia/contract';
import { emailLogs } from '../mail/mail-schema.ts';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { testDatabaseKind } from '../test-support/test-database.ts';
import {
  balances,
  callerFor,
  createBadge,
  drainBadgeWorker,
  insertUsers,
  issuancesOf,
  type Caller,
} from './badge-test-fixtures.ts';
import { badgeIssuanceTransactions } from './badges-schema.ts';

/** What the console does with `signAllTransactions`: the admin's wallet adds its signature. */
async function signAll(wallet: KeyPairSigner, prepared: IssuanceTransactions): Promise<string[]> {
  return Promise.all(
    prepared.transactions.map(async (p) => {
      const tx = getTransactionDecoder().decode(Buffer.from(p.transaction, 'base64'));
      return getBase64EncodedWireTransaction(await partiallySignTransaction([wallet.keyPair], tx));
    }),
  );
}

/** Another key's signature put in the admin wallet's slot. */
async function forge(
  stranger: KeyPairSigner,
  slot: string,
  prepared: IssuanceTransactions,
): Promise<string[]> {
  return Promise.all(
    prepared.transactions.map(async (p) => {
      const tx = getTransactionDecoder().decode(Buffer.from(p.transaction, 'base64'));
      const signature = await signBytes(stranger.keyPair.privateKey, tx.messageBytes);
      return getBase64EncodedWireTransaction({ ...tx, signatures: { ...tx.signatures, [slot]: signature } });
    }),
  );
}

describe(`issuance signed by the admin's wallet (${testDatabaseKind()})`, () => {
  let t: TestApp;
  let admin: Caller;
  beforeAll(async () => {
    t = await createTestApp();
    admin = callerFor(t, (await t.newAdmin()).token);
  });
  afterAll(async () => {
    await t.close();
  });

  it('prepares co-signed transactions, takes them back signed by the wallet, and mints to wallets and vault', async () => {
    const wallet = await generateKeyPairSigner();
    const badge = await createBadge(admin, { type: 'blockchain' });
    const people = await insertUsers(t, 9, 5);
    const body = {
      badgeIds: [badge.id],
      recipients: { userIds: people.map((u) => u.id) },
      signingMode: 'admin_wallet',
      adminWallet: wallet.address,
    };
    const preview = (await admin('POST', '/api/admin/issuances/preview', body)).json();
    expect(preview.preflight).toMatchObject({
      signingMode: 'admin_wallet',
      adminWallet: wallet.address,
      feePayer: t.ctx.chain.authority.address,
      canPay: true,
    });
    const created = (await admin('POST', '/api/admin/issuances', body)).json();
    const batchId = created.batch.id;
    await drainBadgeWorker(t);
    // Uploaded, but the worker mints nothing without the admin's signature.
    expect((await admin('GET', `/api/admin/issuances/${batchId}`)).json().batch).toMatchObject({
      status: 'awaiting_signature',
      counts: { uploaded: 9 },
    });

    const prepared: IssuanceTransactions = (
      await admin('GET', `/api/admin/issuances/${batchId}/transactions`)
    ).json();
    expect(prepared.adminWallet).toBe(wallet.address);
    expect(prepared.transactions.flatMap((p) => p.issuanceIds)).toHaveLength(9);
    // Asking again hands out the same transactions, not new ones.
    const again: IssuanceTransactions = (
      await admin('GET', `/api/admin/issuances/${batchId}/transactions`)
    ).json();
    expect(again.transactions.map((p) => p.signature)).toEqual(prepared.transactions.map((p) => p.signature));

    // Unsigned, or signed by another wallet, or tampered with: refused, nothing sent.
    const stranger = await generateKeyPairSigner();
    const refused = [
      prepared.transactions.map((p) => p.transaction),
      await forge(stranger, wallet.address, prepared),
      (await signAll(wallet, prepared)).map((s) => {
        const bytes = Buffer.from(s, 'base64');
        bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
        return bytes.toString('base64');
      }),
    ];
    for (const transactions of refused) {
      const res = await admin('POST', `/api/admin/issuances/${batchId}/signed`, { transactions });
      expect([res.statusCode, res.json().error.code]).toEqual([400, 'CHAIN__SIGNED_TRANSACTION_MISMATCH']);
    }
    const untouched = await t.ctx.database.db
      .select()
      .from(badgeIssuanceTransactions)
      .where(eq(badgeIssuanceTransactions.batchId, batchId));
    expect(new Set(untouched.map((u) => u.status))).toEqual(new Set(['awaiting_signature']));

    const signed = await signAll(wallet, prepared);
    const submitted = await admin('POST', `/api/admin/issuances/${batchId}/signed`, { transactions: signed });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().results.map((r: { status: string }) => r.status)).toEqual(
      prepared.transactions.map(() => 'confirmed'),
    );
    expect(submitted.json().batch).toMatchObject({ status: 'completed', counts: { issued: 5, inVault: 4 } });
    // Submitting the same signed transactions again changes nothing.
    const repeat = await admin('POST', `/api/admin/issuances/${batchId}/signed`, { transactions: signed });
    expect(repeat.json().results.map((r: { status: string }) => r.status)).toEqual(
      prepared.transactions.map(() => 'confirmed'),
    );

    const wallets = people.filter((u) => u.wallet).map((u) => u.wallet!.address);
    expect(await balances(t, badge.mintAddress!, wallets)).toEqual(wallets.map(() => 1n));
    expect(await balances(t, badge.mintAddress!, [t.ctx.chain.vault.address])).toEqual([4n]);
    const rows = await issuancesOf(t, batchId);
    const mails = await t.ctx.database.db
      .select()
      .from(emailLogs)
      .where(
        inArray(
          emailLogs.issuanceId,
          rows.map((r) => r.id),
        ),
      );
    expect(mails.filter((m) => m.notificationType === 'badge_minted_to_wallet')).toHaveLength(5);
    expect(mails.filter((m) => m.notificationType === 'badge_in_vault')).toHaveLength(4);
    const sentLogs = (
      await admin('GET', `/api/admin/badge-logs?action=issuance.mint_sent&issuanceId=${rows[0]!.id}`)
    ).json();
    expect(sentLogs.items[0]).toMatchObject({
      walletAddress: wallet.address,
      performedBy: { email: expect.any(String) },
    });
  });

  it('after expiry, a transaction the wallet sent itself is found on chain; one never sent is prepared afresh', async () => {
    const wallet = await generateKeyPairSigner();
    const badge = await createBadge(admin, { type: 'blockchain' });
    const people = await insertUsers(t, 2, 2);
    const batchId = (
      await admin('POST', '/api/admin/issuances', {
        badgeIds: [badge.id],
        recipients: { userIds: [people[0]!.id] },
        signingMode: 'admin_wallet',
        adminWallet: wallet.address,
      })
    ).json().batch.id;
    await drainBadgeWorker(t);
    const first: IssuanceTransactions = (
      await admin('GET', `/api/admin/issuances/${batchId}/transactions`)
    ).json();
    // The wallet signs and sends it itself (signAndSendAllTransactions); the console never reports back.
    const [signed] = await signAll(wallet, first);
    await t.ctx.chain.rpc.rpc.sendTransaction(signed! as never, { encoding: 'base64' }).send();
    // Later: its blockhash has expired by the server's reckoning.
    const expire = () =>
      t.ctx.database.db
        .update(badgeIssuanceTransactions)
        .set({ lastValidBlockHeight: 0n })
        .where(eq(badgeIssuanceTransactions.batchId, batchId));
    await expire();
    const after: IssuanceTransactions = (
      await admin('GET', `/api/admin/issuances/${batchId}/transactions`)
    ).json();
    expect(after.transactions).toEqual([]);
    expect((await admin('GET', `/api/admin/issuances/${batchId}`)).json().batch).toMatchObject({
      status: 'completed',
      counts: { issued: 1 },
    });
    expect(await balances(t, badge.mintAddress!, [people[0]!.wallet!.address])).toEqual([1n]);

    // A second issuance whose transaction nobody sent: prepared again once expired.
    const second = (
      await admin('POST', '/api/admin/issuances', {
        badgeIds: [badge.id],
        recipients: { userIds: [people[1]!.id] },
        signingMode: 'admin_wallet',
        adminWallet: wallet.address,
      })
    ).json().batch.id;
    await drainBadgeWorker(t);
    const stale: IssuanceTransactions = (
      await admin('GET', `/api/admin/issuances/${second}/transactions`)
    ).json();
    await t.ctx.database.db
      .update(badgeIssuanceTransactions)
      .set({ lastValidBlockHeight: 0n })
      .where(eq(badgeIssuanceTransactions.batchId, second));
    // After a real expiry the chain has moved on to newer blockhashes: move it on a slot.
    const staleTx = getTransactionDecoder().decode(Buffer.from(stale.transactions[0]!.transaction, 'base64'));
    const hashOf = (bytes: ArrayLike<number>) => Buffer.from(Uint8Array.from(bytes)).toString('hex');
    t.ctx.chain.localValidator!.advanceSlots(1);
    const fresh: IssuanceTransactions = (
      await admin('GET', `/api/admin/issuances/${second}/transactions`)
    ).json();
    expect(fresh.transactions).toHaveLength(1);
    expect(fresh.transactions[0]!.signature).not.toBe(stale.transactions[0]!.signature);
    const freshTx = getTransactionDecoder().decode(Buffer.from(fresh.transactions[0]!.transaction, 'base64'));
    expect(hashOf(freshTx.messageBytes)).not.toBe(hashOf(staleTx.messageBytes));
    expect(fresh.transactions[0]!.issuanceIds).toEqual(stale.transactions[0]!.issuanceIds);
    const late = await admin('POST', `/api/admin/issuances/${second}/signed`, {
      transactions: await signAll(wallet, stale),
    });
    expect(late.json().results[0].status).toBe('expired');
    const done = await admin('POST', `/api/admin/issuances/${second}/signed`, {
      transactions: await signAll(wallet, fresh),
    });
    expect(done.json().results[0].status).toBe('confirmed');
    expect(await balances(t, badge.mintAddress!, [people[1]!.wallet!.address])).toEqual([1n]);
  });

  it('a server-signed batch has no wallet transactions to hand out', async () => {
    const badge = await createBadge(admin, { type: 'database' });
    const people = await insertUsers(t, 1, 0);
    const created = (
      await admin('POST', '/api/admin/issuances', {
        badgeIds: [badge.id],
        recipients: { userIds: [people[0]!.id] },
      })
    ).json();
    const res = await admin('GET', `/api/admin/issuances/${created.batch.id}/transactions`);
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'BADGE__NOT_ADMIN_WALLET_BATCH']);
  });
});
