import type { Address, KeyPairSigner, TransactionSigner } from '@solana/kit';
import { getBurnCheckedInstruction } from '@solana-program/token-2022';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  balances,
  callerFor,
  createBadge,
  drainBadgeWorker,
  insertUsers,
} from '../apps/server/src/badges/badge-test-fixtures.ts';
import { badgeIssuances } from '../apps/server/src/badges/badges-schema.ts';
import { createBaseMessage, resolveLifetime } from '../apps/server/src/chain/create-base-message.ts';
import { findTokenAccount } from '../apps/server/src/chain/find-token-account.ts';
import { prepareTransaction } from '../apps/server/src/chain/prepare-transaction.ts';
import { judgeWalletBadge } from '../apps/server/src/reconciliation/check-wallet-badges.ts';
import { createTestApp, type TestApp } from '../apps/server/src/test-support/test-app.ts';
import { countCase, printCaseCounts } from './helpers/case-counter.ts';
import { maybeUnset } from './helpers/maybe-unset.ts';

const SUITE = 'reconciliation of badges';
afterAll(() => printCaseCounts(SUITE));

describe('reconciliation checks badges in user wallets and in the vault against the chain', () => {
  let t: TestApp;
  let adminToken: string;
  beforeAll(async () => {
    t = await createTestApp();
    adminToken = (await t.newAdmin()).token;
  }, 120_000);
  afterAll(async () => maybeUnset(t)?.close());

  /** Burns one badge token out of `owner`'s account on chain, behind Insignia's back. */
  async function burnOne(owner: KeyPairSigner | TransactionSigner, mint: string) {
    const account = await findTokenAccount(owner.address, mint as Address);
    const message = createBaseMessage(
      t.ctx.chain.authority,
      await resolveLifetime({ rpc: t.ctx.chain.rpc.rpc }),
      [
        getBurnCheckedInstruction({
          account,
          mint: mint as Address,
          authority: owner,
          amount: 1n,
          decimals: 0,
        }),
      ],
    );
    const prepared = await prepareTransaction(message);
    const sent = await t.ctx.chain.sender.send({
      wire: prepared.wire,
      lastValidBlockHeight: prepared.lastValidBlockHeight,
    });
    expect(sent.status).toBe('confirmed');
  }

  it('a wallet badge no longer in its wallet and a vault badge gone from the vault are both flagged', async () => {
    countCase(SUITE);
    const admin = callerFor(t, adminToken);
    const badge = await createBadge(admin, { type: 'blockchain', name: 'Reconciled' });
    // Two recipients with wallets (minted to them), two without (held in the vault).
    const people = await insertUsers(t, 4, 2);
    const created = await admin('POST', '/api/admin/issuances', {
      badgeIds: [badge.id],
      recipients: { userIds: people.map((p) => p.id) },
    });
    expect(created.statusCode, created.body).toBe(201);
    await drainBadgeWorker(t, { skipBackoff: true });
    const [gone, kept] = [people[0]!, people[1]!];
    expect(await balances(t, badge.mintAddress!, [gone.wallet!.address, kept.wallet!.address])).toEqual([
      1n,
      1n,
    ]);
    expect(await balances(t, badge.mintAddress!, [t.ctx.chain.vault.address])).toEqual([2n]);

    const clean = await t.ctx.reconciliation.run('manual');
    expect(clean).toMatchObject({ status: 'completed', flagged: 0 });

    await burnOne(gone.wallet!, badge.mintAddress!);
    await burnOne(t.ctx.chain.vault, badge.mintAddress!);
    const run = await t.ctx.reconciliation.run('manual');
    expect(run).toMatchObject({ status: 'completed', flagged: 2 });

    const issuanceOf = async (userId: string) =>
      (
        await t.ctx.database.db
          .select()
          .from(badgeIssuances)
          .where(and(eq(badgeIssuances.userId, userId), eq(badgeIssuances.badgeId, badge.id)))
      )[0]!;
    const listed = await admin('GET', '/api/admin/reconciliation/flags');
    expect(listed.statusCode, listed.body).toBe(200);
    const flags = listed.json().items as { entityType: string; entityId: string; kind: string }[];
    const goneIssuance = await issuanceOf(gone.id);
    expect(flags).toContainEqual(
      expect.objectContaining({
        entityType: 'badge_issuance',
        entityId: goneIssuance.id,
        kind: 'badge_not_in_wallet',
        chainValue: { mintExists: true, walletBalance: '0' },
      }),
    );
    const keptIssuance = await issuanceOf(kept.id);
    expect(flags.some((f) => f.entityId === keptIssuance.id)).toBe(false);
    expect(flags).toContainEqual(
      expect.objectContaining({
        entityType: 'badge_vault',
        entityId: badge.id,
        kind: 'vault_balance_mismatch',
        databaseValue: { inVault: 2 },
        chainValue: { vaultBalance: '1' },
      }),
    );
  }, 180_000);

  it('a badge whose mint is gone from the chain is flagged as such (pure verdict)', () => {
    countCase(SUITE);
    expect(judgeWalletBadge(false, 0n)).toBe('badge_mint_missing');
    expect(judgeWalletBadge(true, 0n)).toBe('badge_not_in_wallet');
    expect(judgeWalletBadge(true, 1n)).toBeNull();
  });
});
