import { generateKeyPairSigner, getBase58Decoder, signature } from '@solana/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthResponse } from '@insignia/contract';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { newChainUser, type ChainUser } from '../test-support/test-chain-user.ts';
import { testDatabaseKind } from '../test-support/test-database.ts';
import { findClaim, type ClaimRow } from './claim-store.ts';
import { badgeIssuances } from '../badges/badges-schema.ts';
import {
  balanceOf,
  claimLogActions,
  createChainBadge,
  issueToVault,
  type BadgeRow,
} from './test-claim-fixtures.ts';

describe(`claim transfers survive crashes and never move a unit twice (${testDatabaseKind()})`, () => {
  let t: TestApp;
  let admin: AuthResponse;
  let badge: BadgeRow;
  const vault = () => balanceOf(t, t.ctx.chain.vault.address, badge.mintAddress!);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.newAdmin();
    // One badge, many vaulted users: the vault's token account holds a unit for each.
    badge = await createChainBadge(t);
  });
  afterAll(async () => t.close());

  async function claimFor(u: ChainUser): Promise<ClaimRow> {
    const issuance = await issueToVault(t, badge, u.user.id);
    const res = await u.call('POST', '/api/badges/claims', { issuanceIds: [issuance.id] });
    return (await findClaim(t.ctx.database.db, res.json().items[0].id))!;
  }

  /** Approved and its transfer signed and recorded, as the server does before sending. */
  async function recordTransfer(claim: ClaimRow) {
    const { advancer } = t.ctx.claims;
    const approved = await advancer.apply(
      claim,
      { type: 'approved', signingMode: 'server' },
      { actorId: admin.user.id, patch: { recipientBalanceBefore: 0n } },
    );
    const prepared = await advancer.buildTransfer(approved);
    const sent = await advancer.apply(
      approved,
      { type: 'sent', signature: prepared.signature! },
      { patch: { sentTransaction: prepared.wire, lastValidBlockHeight: prepared.lastValidBlockHeight } },
    );
    return { sent, prepared };
  }

  it('a crash after the transfer was recorded but before it was sent: the worker sends those bytes, once', async () => {
    const [a, b] = [await newChainUser(t), await newChainUser(t)];
    const claim = await claimFor(a);
    await issueToVault(t, badge, b.user.id);
    const inVault = await vault();
    const { sent } = await recordTransfer(claim);
    expect(sent.status).toBe('transferring');

    expect(await t.ctx.claims.worker.processDue()).toBe(1);
    const done = await findClaim(t.ctx.database.db, claim.id);
    expect(done).toMatchObject({
      status: 'completed',
      transferSignature: sent.transferSignature,
      leaseOwner: null,
    });
    expect(await balanceOf(t, a.wallet.address, badge.mintAddress!)).toBe(1n);
    expect(await vault()).toBe(inVault - 1n);

    // Nothing left to do: another pass moves nothing.
    expect(await t.ctx.claims.worker.processDue()).toBe(0);
    expect(await vault()).toBe(inVault - 1n);
    expect(await claimLogActions(t, claim.id)).toEqual([
      'claim.requested',
      'claim.approved',
      'claim.transfer_sent',
      'claim.completed',
    ]);
  });

  it('a transfer that landed while its outcome was lost is completed from the chain, not sent again', async () => {
    const [a, b] = [await newChainUser(t), await newChainUser(t)];
    const claim = await claimFor(a);
    await issueToVault(t, badge, b.user.id);
    const { sent, prepared } = await recordTransfer(claim);
    // It lands, but the server only saw a refused resend and went back to "approved".
    const landed = await t.ctx.chain.sender.send({
      wire: prepared.wire,
      lastValidBlockHeight: prepared.lastValidBlockHeight,
    });
    expect(landed.status).toBe('confirmed');
    const inVault = await vault();
    await t.ctx.claims.advancer.apply(sent, {
      type: 'deferred',
      code: 'CHAIN__TRANSACTION_REJECTED',
      message: 'refused by the RPC node',
    });

    expect(await t.ctx.claims.worker.processDue()).toBe(1);
    expect(await findClaim(t.ctx.database.db, claim.id)).toMatchObject({
      status: 'completed',
      transferSignature: landed.signature,
    });
    expect(await vault()).toBe(inVault);
    expect(await balanceOf(t, a.wallet.address, badge.mintAddress!)).toBe(1n);
    const actions = await claimLogActions(t, claim.id);
    expect(actions.filter((a) => a === 'claim.transfer_sent')).toHaveLength(1);
    expect(actions.slice(-2)).toEqual(['claim.transfer_deferred', 'claim.completed']);
  });

  it('refuses to approve when the chain shows the vault does not hold the token', async () => {
    const u = await newChainUser(t);
    const ghost = await createChainBadge(t);
    // The database says "in the vault", but nothing was ever minted there.
    const [issuance] = await t.ctx.database.db
      .insert(badgeIssuances)
      .values({
        badgeId: ghost.id,
        userId: u.user.id,
        status: 'in_vault',
        destination: 'vault',
        recipientHash: 'x'.repeat(64),
        // A vaulted issuance records its mint; this one names a transaction that never happened.
        mintSignature: signature(getBase58Decoder().decode(crypto.getRandomValues(new Uint8Array(64)))),
      })
      .returning();
    const [claim] = (await u.call('POST', '/api/badges/claims', { issuanceIds: [issuance!.id] })).json()
      .items;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/admin/claims/${claim.id}/approve`,
      headers: { authorization: `Bearer ${admin.token}` },
      payload: { signingMode: 'server' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('CLAIM__VAULT_EMPTY');
    expect((await findClaim(t.ctx.database.db, claim.id))!.status).toBe('pending');
  });

  it('will not reject while a transfer handed to the admin wallet could still land', async () => {
    const u = await newChainUser(t);
    const claim = await claimFor(u);
    const adminWallet = await generateKeyPairSigner();
    const asAdmin = (method: 'GET' | 'POST', url: string, payload?: object) =>
      t.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${admin.token}` },
        ...(payload ? { payload } : {}),
      });
    await asAdmin('POST', `/api/admin/claims/${claim.id}/approve`, {
      signingMode: 'admin_wallet',
      adminWallet: adminWallet.address,
    });
    expect((await asAdmin('GET', `/api/admin/claims/${claim.id}/transaction`)).statusCode).toBe(200);
    const refused = await asAdmin('POST', `/api/admin/claims/${claim.id}/reject`, {
      reason: 'changed my mind',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('CLAIM__TRANSFER_IN_PROGRESS');
    expect((await findClaim(t.ctx.database.db, claim.id))!.status).toBe('approved');
  });
});
