import {
  generateKeyPairSigner,
  getBase64EncodedWireTransaction,
  getTransactionDecoder,
  partiallySignTransaction,
  signBytes,
} from '@solana/kit';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuthResponse, ClaimRequestedWebhook } from '@insignia/contract';
import { badgeIssuances } from '../badges/badges-schema.ts';
import { outbox, webhookDeliveries } from '../events/events-schema.ts';
import { emailLogs } from '../mail/mail-schema.ts';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { newChainUser } from '../test-support/test-chain-user.ts';
import { testDatabaseKind } from '../test-support/test-database.ts';
import { verifyWebhookSignature } from '../webhooks/verify-webhook-signature.ts';
import {
  balanceOf,
  claimLogActions,
  createChainBadge,
  issueToVault,
  linkWallet,
  startWebhookReceiver,
} from './test-claim-fixtures.ts';

describe(`claiming a vaulted badge end to end (${testDatabaseKind()})`, () => {
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let admin: AuthResponse;
  const asAdmin = (method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${admin.token}` },
      ...(payload ? { payload } : {}),
    });

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    t = await createTestApp({ ADMIN_WEBHOOK_URL: receiver.url });
    admin = await t.newAdmin();
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  it('a vault user links a wallet, claims, the admin is notified and approves, and the token moves', async () => {
    const u = await newChainUser(t, { linkWallet: false, fundSol: 0n });
    const badge = await createChainBadge(t, 'Early Trader');
    const issuance = await issueToVault(t, badge, u.user.id);

    // No wallet on file: the app is told there is something to claim and that a wallet is needed.
    const before = await u.call('GET', '/api/badges/unclaimed');
    expect(before.json()).toMatchObject({
      walletOnFile: false,
      walletAddress: null,
      items: [{ issuanceId: issuance.id, name: 'Early Trader', status: 'in_vault', claimable: true }],
    });
    const noWallet = await u.call('POST', '/api/badges/claims', { issuanceIds: [issuance.id] });
    expect(noWallet.statusCode).toBe(409);
    expect(noWallet.json().error.code).toBe('CLAIM__WALLET_NOT_LINKED');

    await linkWallet(t, u, u.wallet);
    expect((await u.call('GET', '/api/badges/unclaimed')).json()).toMatchObject({
      walletOnFile: true,
      walletAddress: u.wallet.address,
    });

    // Live pushes: what an admin's and the user's open WebSockets receive.
    const pushed: { to: string; event: string }[] = [];
    const detach = [
      { userId: admin.user.id, role: 'admin' as const, to: 'admin' },
      { userId: u.user.id, role: 'user' as const, to: 'user' },
    ].map(({ to, ...who }) => {
      const attached = t.ctx.live.attach({
        ...who,
        send: (m) => pushed.push({ to, ...JSON.parse(m) }),
        close: () => undefined,
      });
      if ('refused' in attached) throw new Error(attached.refused.reason);
      return attached.detach;
    });

    const submitted = await u.call('POST', '/api/badges/claims', { issuanceIds: [issuance.id] });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const [claim] = submitted.json().items;
    expect(claim).toMatchObject({
      issuanceId: issuance.id,
      status: 'pending',
      tokenId: badge.mintAddress,
      walletAddress: u.wallet.address,
      metadataUri: issuance.metadataUri,
    });
    const mine = (await u.call('GET', '/api/badges')).json().items;
    expect(mine).toMatchObject([
      { issuanceId: issuance.id, status: 'claim_requested', claimable: false, claim: { id: claim.id } },
    ]);
    expect((await u.call('GET', '/api/badges/unclaimed')).json().items).toEqual([]);

    // The admin webhook: a real HTTP receiver gets the signed, timestamped payload.
    await t.ctx.webhooks.processDue();
    const hook = receiver.received.find((r) => r.headers['x-insignia-event'] === 'claim.requested');
    expect(hook).toBeDefined();
    expect(
      verifyWebhookSignature({
        secret: t.ctx.webhooks.secretFor(receiver.url),
        headers: hook!.headers,
        rawBody: hook!.rawBody,
      }),
    ).toEqual({ ok: true });
    const payload = JSON.parse(hook!.rawBody) as ClaimRequestedWebhook;
    expect(payload).toMatchObject({
      claimId: claim.id,
      issuanceId: issuance.id,
      tokenId: badge.mintAddress,
      metadataUri: issuance.metadataUri,
      walletAddress: u.wallet.address,
      userHash: issuance.recipientHash,
    });
    expect(hook!.rawBody).not.toContain(u.user.email);
    const [delivery] = await t.ctx.database.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.dedupeKey, `claim-requested:${claim.id}`));
    expect(delivery).toMatchObject({ status: 'delivered', responseStatus: 204 });

    // In the console's queue, then approved with the server's vault key.
    const queue = (await asAdmin('GET', '/api/admin/claims?status=pending')).json();
    expect(queue.items.map((c: { id: string }) => c.id)).toContain(claim.id);
    expect(queue.items.find((c: { id: string }) => c.id === claim.id)).toMatchObject({
      user: { id: u.user.id, email: u.user.email },
      badgeName: 'Early Trader',
    });
    const approved = await asAdmin('POST', `/api/admin/claims/${claim.id}/approve`, {
      signingMode: 'server',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'completed',
      signingMode: 'server',
      respondedBy: admin.user.id,
      walletAddress: u.wallet.address,
    });
    const signature = approved.json().transferSignature as string;
    expect(signature).toMatch(/^[1-9A-HJ-NP-Za-km-z]{64,88}$/);
    expect(approved.json().completedAt).not.toBeNull();

    // On chain: the unit left the vault for the profile wallet.
    expect(await balanceOf(t, t.ctx.chain.vault.address, badge.mintAddress!)).toBe(0n);
    expect(await balanceOf(t, u.wallet.address, badge.mintAddress!)).toBe(1n);

    // The badge is claimed, shown in the wallet, and the confirmation email is queued.
    const [after] = await t.ctx.database.db
      .select()
      .from(badgeIssuances)
      .where(eq(badgeIssuances.id, issuance.id));
    expect(after).toMatchObject({ status: 'claimed', walletAddress: u.wallet.address });
    expect((await u.call('GET', '/api/badges')).json().items[0]).toMatchObject({
      status: 'claimed',
      walletAddress: u.wallet.address,
      claimable: false,
      claim: { status: 'completed', transferSignature: signature },
    });
    expect((await u.call('GET', '/api/badges/claims')).json().items).toMatchObject([
      { id: claim.id, status: 'completed', transferSignature: signature },
    ]);
    const [email] = await t.ctx.database.db.select().from(emailLogs).where(eq(emailLogs.claimId, claim.id));
    expect(email).toMatchObject({ notificationType: 'claim_confirmed', recipient: u.user.email });
    expect((email!.metadata as { data: Record<string, string> }).data).toMatchObject({
      badgeName: 'Early Trader',
      walletAddress: u.wallet.address,
      transferSignature: signature,
    });
    expect((await t.ctx.mailer.processDue()).sent).toBeGreaterThanOrEqual(1);

    // Announced to the user (badge:claimed) and to admins (claim:requested), and audited step by step.
    const events = await t.ctx.database.db.select().from(outbox).where(eq(outbox.key, u.user.id));
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['claim.requested', 'badge.claimed']));
    expect(await claimLogActions(t, claim.id)).toEqual([
      'claim.requested',
      'claim.approved',
      'claim.transfer_sent',
      'claim.completed',
    ]);
    await t.ctx.events.relay.drain();
    // Admin messages are delivered after a fresh role check (a read), so they may trail the relay.
    await vi.waitFor(() =>
      expect(pushed).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ to: 'admin', event: 'claim:requested' }),
          expect.objectContaining({ to: 'user', event: 'badge:claimed' }),
        ]),
      ),
    );
    detach.forEach((d) => d());
    expect(pushed.filter((p) => p.to === 'user' && p.event === 'claim:requested')).toEqual([]);
  });

  it("the admin's browser wallet approves the transfer instead; the platform pays, so it needs no SOL", async () => {
    const u = await newChainUser(t);
    const badge = await createChainBadge(t);
    const issuance = await issueToVault(t, badge, u.user.id);
    const other = await issueToVault(t, badge, (await newChainUser(t)).user.id);
    const [claim] = (await u.call('POST', '/api/badges/claims', { issuanceIds: [issuance.id] })).json().items;

    // No wallet given and none linked to the admin account.
    const noPayer = await asAdmin('POST', `/api/admin/claims/${claim.id}/approve`, {
      signingMode: 'admin_wallet',
    });
    expect(noPayer.statusCode).toBe(409);
    expect(noPayer.json().error.code).toBe('CLAIM__ADMIN_WALLET_REQUIRED');

    // A wallet holding no SOL at all: approving must not cost the admin anything.
    const adminWallet = await generateKeyPairSigner();
    const approved = await asAdmin('POST', `/api/admin/claims/${claim.id}/approve`, {
      signingMode: 'admin_wallet',
      adminWallet: adminWallet.address,
    });
    expect(approved.json()).toMatchObject({
      status: 'approved',
      signingMode: 'admin_wallet',
      adminWallet: adminWallet.address,
    });

    const prepared = await asAdmin('GET', `/api/admin/claims/${claim.id}/transaction`);
    expect(prepared.statusCode, prepared.body).toBe(200);
    expect(prepared.json()).toMatchObject({ claimId: claim.id, adminWallet: adminWallet.address });
    // Asked again while it is still valid: the same transaction, never a second one.
    expect((await asAdmin('GET', `/api/admin/claims/${claim.id}/transaction`)).json().transaction).toBe(
      prepared.json().transaction,
    );

    const tx = getTransactionDecoder().decode(Buffer.from(prepared.json().transaction, 'base64'));
    // The authority pays (first signer) and has signed, as has the vault; only the wallet is missing.
    expect(Object.keys(tx.signatures)[0]).toBe(t.ctx.chain.authority.address);
    expect(
      Object.entries(tx.signatures)
        .filter(([, sig]) => sig === null)
        .map(([key]) => key),
    ).toEqual([adminWallet.address]);
    // The wallet is a required signer of the approval memo: without its signature the chain refuses.
    const unsigned = await t.ctx.chain.sender.send({
      wire: getBase64EncodedWireTransaction({
        ...tx,
        signatures: { ...tx.signatures, [adminWallet.address]: new Uint8Array(64) as never },
      }),
      lastValidBlockHeight: BigInt(prepared.json().lastValidBlockHeight),
    });
    expect(unsigned.status).not.toBe('confirmed');
    // Another key's signature in the admin wallet's slot.
    const stranger = await generateKeyPairSigner();
    const forgedTx = {
      ...tx,
      signatures: {
        ...tx.signatures,
        [adminWallet.address]: await signBytes(stranger.keyPair.privateKey, tx.messageBytes),
      },
    };
    const forged = await asAdmin('POST', `/api/admin/claims/${claim.id}/signed`, {
      signedTransaction: getBase64EncodedWireTransaction(forgedTx),
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.code).toBe('CHAIN__SIGNED_TRANSACTION_MISMATCH');

    const signedTransaction = getBase64EncodedWireTransaction(
      await partiallySignTransaction([adminWallet.keyPair], tx),
    );
    const done = await asAdmin('POST', `/api/admin/claims/${claim.id}/signed`, { signedTransaction });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', adminWallet: adminWallet.address });
    expect(await t.ctx.chain.rpc.rpc.getBalance(adminWallet.address).send()).toMatchObject({ value: 0n });
    // A retried submit of the same bytes is answered, not refused.
    expect(
      (await asAdmin('POST', `/api/admin/claims/${claim.id}/signed`, { signedTransaction })).json().status,
    ).toBe('completed');
    expect((await asAdmin('GET', `/api/admin/claims/${claim.id}/transaction`)).json().error.code).toBe(
      'CLAIM__NOT_AWAITING_SIGNATURE',
    );

    expect(await balanceOf(t, u.wallet.address, badge.mintAddress!)).toBe(1n);
    // The other vaulted user's unit is still there.
    expect(await balanceOf(t, t.ctx.chain.vault.address, badge.mintAddress!)).toBe(1n);
    const [otherAfter] = await t.ctx.database.db
      .select()
      .from(badgeIssuances)
      .where(eq(badgeIssuances.id, other.id));
    expect(otherAfter!.status).toBe('in_vault');
    expect(await claimLogActions(t, claim.id)).toEqual([
      'claim.requested',
      'claim.approved',
      'claim.transfer_prepared',
      'claim.transfer_sent',
      'claim.completed',
    ]);
    const emails = await t.ctx.database.db
      .select()
      .from(emailLogs)
      .where(and(eq(emailLogs.claimId, claim.id), eq(emailLogs.notificationType, 'claim_confirmed')));
    expect(emails).toHaveLength(1);
  });

  it('a rejected claim frees the badge, which can be claimed again', async () => {
    const u = await newChainUser(t);
    const badge = await createChainBadge(t);
    const issuance = await issueToVault(t, badge, u.user.id);
    const [first] = (await u.call('POST', '/api/badges/claims', { issuanceIds: [issuance.id] })).json().items;

    const rejected = await asAdmin('POST', `/api/admin/claims/${first.id}/reject`, {
      reason: 'Account under review',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected', rejectReason: 'Account under review' });
    expect((await u.call('GET', '/api/badges/unclaimed')).json().items).toMatchObject([
      {
        issuanceId: issuance.id,
        status: 'in_vault',
        claimable: true,
        claim: { id: first.id, status: 'rejected' },
      },
    ]);
    const again = await asAdmin('POST', `/api/admin/claims/${first.id}/approve`, { signingMode: 'server' });
    expect(again.json().error.code).toBe('CLAIM__NOT_PENDING');

    const second = await u.call('POST', '/api/badges/claims', { issuanceIds: [issuance.id] });
    expect(second.statusCode).toBe(201);
    const claimId = second.json().items[0].id as string;
    expect(claimId).not.toBe(first.id);
    expect(
      (await asAdmin('POST', `/api/admin/claims/${claimId}/approve`, { signingMode: 'server' })).json()
        .status,
    ).toBe('completed');
    expect(await balanceOf(t, u.wallet.address, badge.mintAddress!)).toBe(1n);
    expect(await claimLogActions(t, first.id)).toEqual(['claim.requested', 'claim.rejected']);
    const history = (await u.call('GET', '/api/badges/claims')).json().items;
    expect(history.map((c: { status: string }) => c.status)).toEqual(['completed', 'rejected']);
  });
});
