import type { Signature } from '@solana/kit';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthResponse } from '@insignia/contract';
import { badgeLogs } from '../badges/badge-logs-schema.ts';
import { callerFor, createBadge } from '../badges/badge-test-fixtures.ts';
import { badgeIssuances } from '../badges/badges-schema.ts';
import { fetchMintInfo } from '../chain/fetch-mint-info.ts';
import {
  balanceOf,
  createChainBadge,
  createDatabaseBadge,
  issueDatabaseBadge,
  issueToVault,
  issueToWallet,
} from '../claims/test-claim-fixtures.ts';
import { emailLogs } from '../mail/mail-schema.ts';
import { renderEmail } from '../mail/render-email.ts';
import { reconciliationFlags } from '../nft/nft-schema.ts';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { addVolume, newChainUser } from '../test-support/test-chain-user.ts';
import { testDatabaseKind } from '../test-support/test-database.ts';
import { createRevocationBurner } from './revocation-burner.ts';
import { createRevocationService } from './revocation-service.ts';
import { createRevocableChainBadge, reloadBadge } from './revocation-test-fixtures.ts';
import { badgeRevocations } from './revocations-schema.ts';

describe(`revoking a badge (${testDatabaseKind()}, local validator)`, () => {
  let t: TestApp;
  let admin: AuthResponse;
  const asAdmin = (method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${admin.token}` },
      ...(payload ? { payload } : {}),
    });
  const revoke = (issuanceId: string, reason = 'Awarded by mistake') =>
    asAdmin('POST', '/api/admin/revocations', { issuanceId, reason });
  const revocationRow = async (issuanceId: string) =>
    (
      await t.ctx.database.db
        .select()
        .from(badgeRevocations)
        .where(eq(badgeRevocations.issuanceId, issuanceId))
    )[0];
  const logActions = async (issuanceId: string) =>
    (
      await t.ctx.database.db
        .select({ action: badgeLogs.actionType })
        .from(badgeLogs)
        .where(eq(badgeLogs.issuanceId, issuanceId))
    ).map((r) => r.action);
  /** A service and burner on the test app, the burner's sender replaced to cut the process short. */
  const machinery = (send?: typeof t.ctx.chain.sender.send) => {
    const chain = send ? { ...t.ctx.chain, sender: { ...t.ctx.chain.sender, send } } : t.ctx.chain;
    return {
      service: createRevocationService({
        db: t.ctx.database.db,
        keys: { authority: t.ctx.chain.authority.address, vault: t.ctx.chain.vault.address },
        mailer: t.ctx.mailer,
        onRevoked: () => Promise.resolve(),
      }),
      burner: createRevocationBurner({ db: t.ctx.database.db, chain, logger: t.ctx.logger }),
    };
  };
  const cost = async (signature: Signature) => {
    const tx = await t.ctx.chain.rpc.rpc
      .getTransaction(signature, { maxSupportedTransactionVersion: 0, encoding: 'json' })
      .send();
    return { computeUnits: tx?.meta?.computeUnitsConsumed, feeLamports: tx?.meta?.fee };
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.newAdmin();
  });
  afterAll(async () => {
    await t.close();
  });

  it('new badge mints carry PermanentDelegate = the platform authority, recorded once created', async () => {
    const created = await createBadge(callerFor(t, admin.token), { type: 'blockchain' });
    const badge = await reloadBadge(t, created.id);
    expect(badge).toMatchObject({ status: 'active', permanentDelegate: t.ctx.chain.authority.address });
    const info = await fetchMintInfo(t.ctx.chain.rpc.rpc, badge.mintAddress!);
    expect(info?.permanentDelegate).toBe(t.ctx.chain.authority.address);
    const old = await createChainBadge(t);
    expect((await fetchMintInfo(t.ctx.chain.rpc.rpc, old.mintAddress!))?.permanentDelegate).toBeNull();
  });

  it('burns a vault-held badge: the vault token account is empty on chain, the issuance revoked', async () => {
    const u = await newChainUser(t, { fundSol: 0n });
    const badge = await createRevocableChainBadge(t);
    const issuance = await issueToVault(t, badge, u.user.id);
    expect(await balanceOf(t, t.ctx.chain.vault.address, badge.mintAddress!)).toBe(1n);

    const res = await revoke(issuance.id, '  Awarded by mistake  ');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      issuanceId: issuance.id,
      reason: 'Awarded by mistake',
      chainAction: 'burn_from_vault',
      status: 'done',
    });
    expect(await balanceOf(t, t.ctx.chain.vault.address, badge.mintAddress!)).toBe(0n);
    const [row] = await t.ctx.database.db
      .select()
      .from(badgeIssuances)
      .where(eq(badgeIssuances.id, issuance.id));
    expect(row!.revokedAt).toBeInstanceOf(Date);
    expect(await logActions(issuance.id)).toEqual(
      expect.arrayContaining(['issuance.revoked', 'issuance.revocation_burned', 'email.enqueued']),
    );
    console.log('vault burn', await cost((await revocationRow(issuance.id))!.signature!));

    // Refused as a claim now; a repeat answers with the first revocation and burns nothing more.
    const claim = await u.call('POST', '/api/badges/claims', { issuanceIds: [issuance.id] });
    expect(claim.statusCode).toBe(409);
    expect(claim.json().error.code).toBe('BADGE__REVOKED');
    const again = await revoke(issuance.id, 'Another reason');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ reason: 'Awarded by mistake', status: 'done' });
    expect((await logActions(issuance.id)).filter((a) => a === 'issuance.revoked')).toHaveLength(1);
  });

  it('burns a wallet-held badge as PermanentDelegate, tells the person by email (no link) and notice', async () => {
    const u = await newChainUser(t);
    const badge = await createRevocableChainBadge(t, 'Top Trader');
    const issuance = await issueToWallet(t, badge, u.user.id, u.wallet.address);
    expect(await balanceOf(t, u.wallet.address, badge.mintAddress!)).toBe(1n);

    const res = await revoke(issuance.id, 'Trades reversed, see https://evil.example/x');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ chainAction: 'burn_from_wallet', status: 'done' });
    expect(await balanceOf(t, u.wallet.address, badge.mintAddress!)).toBe(0n);
    console.log('wallet burn', await cost(res.json().signature));

    const [email] = await t.ctx.database.db
      .select()
      .from(emailLogs)
      .where(and(eq(emailLogs.issuanceId, issuance.id), eq(emailLogs.notificationType, 'badge_revoked')));
    expect(email).toBeDefined();
    const rendered = renderEmail('badge_revoked', (email!.metadata as { data: never }).data, 'Insignia');
    expect(rendered.text).toContain('Top Trader');
    expect(rendered.text).toContain('no longer counts');
    expect(rendered.text).not.toMatch(/https?:|evil\.example/);
    expect(rendered.html).not.toMatch(/<a\s|https?:\/\/evil/);

    const notices = (await u.call('GET', '/api/badges/notifications')).json();
    expect(notices.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ issuanceId: issuance.id, kind: 'revoked', isRead: false }),
      ]),
    );
    // The earlier "you received" notice is read now: it would contradict the revoked one.
    expect(notices.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ issuanceId: issuance.id, kind: 'issued', isRead: true }),
      ]),
    );
    const notice = notices.items.find((n: { kind: string }) => n.kind === 'revoked');
    expect(notice.revocationReason).toContain('Trades reversed');
    const read = await u.call('POST', '/api/badges/notifications/read', { ids: [notice.id] });
    expect(read.statusCode).toBe(200);
  });

  it('leaves reconciliation nothing to flag: burned badges are no longer expected where they were', async () => {
    const u = await newChainUser(t);
    const badge = await createRevocableChainBadge(t, 'Reconciled');
    const inVault = await issueToVault(t, badge, u.user.id);
    const other = await newChainUser(t);
    const inWallet = await issueToWallet(t, badge, other.user.id, other.wallet.address);
    expect((await revoke(inVault.id)).json()).toMatchObject({ status: 'done' });
    expect((await revoke(inWallet.id)).json()).toMatchObject({ status: 'done' });

    await t.ctx.reconciliation.run('manual');
    const flags = await t.ctx.database.db
      .select()
      .from(reconciliationFlags)
      .where(inArray(reconciliationFlags.entityId, [badge.id, inVault.id, inWallet.id]));
    expect(flags).toEqual([]);
  });

  it('finishes without burning when the person moved the badge out of the wallet it was issued to', async () => {
    const u = await newChainUser(t);
    const badge = await createRevocableChainBadge(t);
    const issuance = await issueToWallet(t, badge, u.user.id, u.wallet.address);
    // The token leaves: burned by the holder themself here (any way out reads the same: 0 units).
    const { burner, service } = machinery();
    await service.revoke(admin.user.id, { issuanceId: issuance.id, reason: 'Moved meanwhile' });
    const { buildBadgeBurn } = await import('./build-badge-burn.ts');
    const { prepareTransaction } = await import('../chain/prepare-transaction.ts');
    const own = await buildBadgeBurn(
      { rpc: t.ctx.chain.rpc.rpc },
      {
        mint: badge.mintAddress!,
        tokenAccount: (await revocationRow(issuance.id))!.tokenAccount!,
        burner: u.wallet,
        feePayer: u.wallet,
        memo: 'holder',
      },
    );
    const p = await prepareTransaction(own.message);
    expect(
      (await t.ctx.chain.sender.send({ wire: p.wire, lastValidBlockHeight: p.lastValidBlockHeight })).status,
    ).toBe('confirmed');
    await burner.processDue('test-worker');
    const row = await revocationRow(issuance.id);
    expect(row).toMatchObject({ status: 'done', signature: null });
    expect(row!.lastError).toContain('no longer in the wallet it was issued to');
  });

  it('marks an old mint (no PermanentDelegate) revoked in the status list only: the token stays', async () => {
    const u = await newChainUser(t);
    const badge = await createChainBadge(t);
    const issuance = await issueToWallet(t, badge, u.user.id, u.wallet.address);
    const preview = await asAdmin('GET', `/api/admin/revocations/${issuance.id}`);
    expect(preview.json()).toMatchObject({ allowed: true, chainAction: 'status_list_only' });
    const res = await revoke(issuance.id);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ chainAction: 'status_list_only', status: 'done', signature: null });
    expect(await balanceOf(t, u.wallet.address, badge.mintAddress!)).toBe(1n);
  });

  it('revokes a database-only badge at once, and it stops counting toward the level', async () => {
    const u = await newChainUser(t, { fundSol: 0n });
    const badge = await createDatabaseBadge(t, 'Verified trader');
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/levels/1',
      headers: { authorization: `Bearer ${admin.token}` },
      payload: { name: 'Bronze', minVolumeUsd: '100', benefits: [], requiredBadgeIds: [badge.id] },
    });
    expect(put.statusCode).toBe(200);
    await addVolume(t, u.user.id, '500');
    const issuance = await issueDatabaseBadge(t, badge, u.user.id);
    await t.ctx.nftStatus.invalidate([u.user.id]);
    expect((await u.call('GET', '/api/nft/status')).json().nextLevel.missingBadges).toEqual([]);

    const res = await revoke(issuance.id);
    expect(res.json()).toMatchObject({ chainAction: 'none', status: 'done' });
    const after = (await u.call('GET', '/api/nft/status')).json();
    expect(after.nextLevel.missingBadges).toEqual([{ id: badge.id, name: 'Verified trader' }]);
    await t.app.inject({
      method: 'PUT',
      url: '/api/admin/levels/1',
      headers: { authorization: `Bearer ${admin.token}` },
      payload: { name: 'Bronze', minVolumeUsd: '100000', benefits: [], requiredBadgeIds: [] },
    });
  });

  it('refuses bad input, strangers, unknown and in-flight issuances, changing nothing', async () => {
    const u = await newChainUser(t, { fundSol: 0n });
    const badge = await createDatabaseBadge(t);
    const issuance = await issueDatabaseBadge(t, badge, u.user.id);
    const codes = async (payload: object, as = admin.token) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/admin/revocations',
        headers: { authorization: `Bearer ${as}` },
        payload,
      });
      return [res.statusCode, res.json().error?.code];
    };
    expect(await codes({ issuanceId: issuance.id })).toEqual([400, 'VALIDATION__INVALID_BODY']);
    expect(await codes({ issuanceId: issuance.id, reason: '  x ' })).toEqual([
      400,
      'VALIDATION__INVALID_BODY',
    ]);
    expect(await codes({ issuanceId: issuance.id, reason: 'y'.repeat(501) })).toEqual([
      400,
      'VALIDATION__INVALID_BODY',
    ]);
    expect(await codes({ issuanceId: 'not-a-uuid', reason: 'Because' })).toEqual([
      400,
      'VALIDATION__INVALID_BODY',
    ]);
    expect(await codes({ issuanceId: crypto.randomUUID(), reason: 'Because' })).toEqual([
      404,
      'REVOKE__ISSUANCE_NOT_FOUND',
    ]);
    expect(await codes({ issuanceId: issuance.id, reason: 'Because' }, u.token)).toEqual([
      403,
      'AUTH__FORBIDDEN',
    ]);
    await t.ctx.database.db
      .update(badgeIssuances)
      .set({ status: 'minting' })
      .where(eq(badgeIssuances.id, issuance.id));
    expect(await codes({ issuanceId: issuance.id, reason: 'Because' })).toEqual([409, 'REVOKE__IN_FLIGHT']);
    await t.ctx.database.db
      .update(badgeIssuances)
      .set({ status: 'claim_requested' })
      .where(eq(badgeIssuances.id, issuance.id));
    expect(await codes({ issuanceId: issuance.id, reason: 'Because' })).toEqual([
      409,
      'REVOKE__CLAIM_PENDING',
    ]);
    await t.ctx.database.db
      .update(badgeIssuances)
      .set({ status: 'failed' })
      .where(eq(badgeIssuances.id, issuance.id));
    expect(await codes({ issuanceId: issuance.id, reason: 'Because' })).toEqual([409, 'REVOKE__NOT_ISSUED']);
    const [row] = await t.ctx.database.db
      .select()
      .from(badgeIssuances)
      .where(eq(badgeIssuances.id, issuance.id));
    expect(row!.revokedAt).toBeNull();
    expect(await revocationRow(issuance.id)).toBeUndefined();
    expect(await logActions(issuance.id)).not.toContain('issuance.revoked');
  });

  it('lists revocations with their chain status', async () => {
    const res = await asAdmin('GET', '/api/admin/revocations?limit=200');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBeGreaterThanOrEqual(4);
    expect(body.items[0]).toHaveProperty('chainAction');
    expect(body.items.every((i: { status: string }) => i.status === 'done')).toBe(true);
  });

  describe('a crash mid-burn resumes into exactly one burn', () => {
    // The vault holds two units of the badge (two people's): a second burn would show.
    async function twoInVault() {
      const a = await newChainUser(t, { linkWallet: false, fundSol: 0n });
      const b = await newChainUser(t, { linkWallet: false, fundSol: 0n });
      const badge = await createRevocableChainBadge(t);
      const issuance = await issueToVault(t, badge, a.user.id);
      await issueToVault(t, badge, b.user.id);
      expect(await balanceOf(t, t.ctx.chain.vault.address, badge.mintAddress!)).toBe(2n);
      return { badge, issuance };
    }

    it('after the burn was stored, before it was sent', async () => {
      const { badge, issuance } = await twoInVault();
      const crashing = machinery(() => Promise.reject(new Error('killed after storing the burn')));
      await crashing.service.revoke(admin.user.id, { issuanceId: issuance.id, reason: 'Crash test' });
      await crashing.burner.processDue('worker-a');
      const stored = await revocationRow(issuance.id);
      expect(stored).toMatchObject({ status: 'sent' });
      expect(stored!.wire).toBeTruthy();
      expect(await balanceOf(t, t.ctx.chain.vault.address, badge.mintAddress!)).toBe(2n);

      // Another instance takes over once the lease ran out.
      await t.ctx.database.db
        .update(badgeRevocations)
        .set({ leaseExpiresAt: null, leaseOwner: null, nextAttemptAt: null })
        .where(eq(badgeRevocations.issuanceId, issuance.id));
      await machinery().burner.processDue('worker-b');
      expect(await revocationRow(issuance.id)).toMatchObject({
        status: 'done',
        signature: stored!.signature,
      });
      expect(await balanceOf(t, t.ctx.chain.vault.address, badge.mintAddress!)).toBe(1n);
      await machinery().burner.processDue('worker-c');
      expect(await balanceOf(t, t.ctx.chain.vault.address, badge.mintAddress!)).toBe(1n);
    });

    it('after the burn was sent, before its outcome was recorded', async () => {
      const { badge, issuance } = await twoInVault();
      const crashing = machinery(async (input) => {
        await t.ctx.chain.sender.send(input);
        throw new Error('killed after sending the burn');
      });
      await crashing.service.revoke(admin.user.id, { issuanceId: issuance.id, reason: 'Crash test' });
      await crashing.burner.processDue('worker-a');
      expect(await revocationRow(issuance.id)).toMatchObject({ status: 'sent' });
      expect(await balanceOf(t, t.ctx.chain.vault.address, badge.mintAddress!)).toBe(1n);

      await t.ctx.database.db
        .update(badgeRevocations)
        .set({ leaseExpiresAt: null, leaseOwner: null, nextAttemptAt: null })
        .where(eq(badgeRevocations.issuanceId, issuance.id));
      await machinery().burner.processDue('worker-b');
      expect(await revocationRow(issuance.id)).toMatchObject({ status: 'done' });
      expect(await balanceOf(t, t.ctx.chain.vault.address, badge.mintAddress!)).toBe(1n);
    });
  });
});
