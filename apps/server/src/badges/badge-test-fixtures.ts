import { randomUUID } from 'node:crypto';
import { address, generateKeyPairSigner, lamports, type KeyPairSigner } from '@solana/kit';
import { getTransferSolInstruction } from '@solana-program/system';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import type { Badge } from '@insignia/contract';
import { users } from '../auth/auth-schema.ts';
import { createBaseMessage, resolveLifetime } from '../chain/create-base-message.ts';
import { prepareTransaction } from '../chain/prepare-transaction.ts';
import type { TestApp } from '../test-support/test-app.ts';
import { badgeIssuances, badgeIssuanceTransactions, badges } from './badges-schema.ts';
import { readTokenBalances } from './read-token-balances.ts';

/** A 1×1 PNG. */
export const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

export type Caller = (
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  payload?: object,
) => Promise<LightMyRequestResponse>;

/** An authenticated `inject` with `token`. */
export function callerFor(t: TestApp, token: string): Caller {
  return (method, url, payload) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });
}

/** Creates a badge through the API and returns it (a blockchain badge comes back `active`). */
export async function createBadge(
  call: Caller,
  input: { type: 'database' | 'blockchain'; name?: string; description?: string; categoryId?: string },
): Promise<Badge> {
  const res = await call('POST', '/api/admin/badges', {
    name: input.name ?? `Badge ${randomUUID().slice(0, 8)}`,
    description: input.description ?? 'For testing',
    type: input.type,
    image: { contentType: 'image/png', data: PNG_BASE64 },
    ...(input.categoryId ? { categoryId: input.categoryId } : {}),
  });
  if (res.statusCode !== 201) throw new Error(`badge not created: ${res.statusCode} ${res.body}`);
  return res.json<Badge>();
}

export type FixtureUser = { id: string; email: string; wallet: KeyPairSigner | null };

/**
 * `count` users inserted straight into the database (the issuance flow is what is under test,
 * not registration), the first `withWallet` of them with a profile wallet of their own.
 */
export async function insertUsers(t: TestApp, count: number, withWallet: number): Promise<FixtureUser[]> {
  const out: FixtureUser[] = [];
  for (let i = 0; i < count; i++) {
    const wallet = i < withWallet ? await generateKeyPairSigner() : null;
    out.push({ id: randomUUID(), email: `recipient-${randomUUID()}@example.com`, wallet });
  }
  await t.ctx.database.db.insert(users).values(
    out.map((u) => ({
      id: u.id,
      email: u.email,
      walletAddress: u.wallet?.address ?? null,
      walletLinkedAt: u.wallet ? new Date() : null,
      // Bulk recipients stand for people who proved their address (rosters name them by
      // email); the verification flow itself is proven in proof/security-email-verification.
      emailVerifiedAt: new Date(),
    })),
  );
  return out;
}

/** Runs the badge worker until nothing is due (ignoring retry back-off, as time would). */
export async function drainBadgeWorker(
  t: TestApp,
  options: { skipBackoff?: boolean; maxPasses?: number } = {},
) {
  for (let pass = 0; pass < (options.maxPasses ?? 200); pass++) {
    if (options.skipBackoff) {
      await t.ctx.database.db.update(badgeIssuances).set({ nextAttemptAt: null });
      await t.ctx.database.db.update(badgeIssuanceTransactions).set({ nextAttemptAt: null });
      await t.ctx.database.db.update(badges).set({ nextAttemptAt: null });
    }
    if ((await t.ctx.badges.worker.processDue()) === 0) return;
  }
  throw new Error('the badge worker did not settle');
}

/** On-chain amount of `mint` in each owner's token account. */
export async function balances(t: TestApp, mint: string, owners: readonly string[]): Promise<bigint[]> {
  const map = await readTokenBalances(
    t.ctx.chain.rpc.rpc,
    // Addresses as the API returns them: parsed here, at the boundary.
    owners.map((o) => ({ owner: address(o), mint: address(mint) })),
  );
  return owners.map((o) => map.get(`${o}:${mint}`) ?? 0n);
}

export async function issuancesOf(t: TestApp, batchId: string) {
  return t.ctx.database.db.select().from(badgeIssuances).where(eq(badgeIssuances.batchId, batchId));
}

const SOL = 1_000_000_000n;

/**
 * Moves all SOL out of the platform authority (the transfer's own fee takes the rest), as an
 * operator who forgot to fund it would leave it. Returns a function that funds it again.
 */
export async function drainAuthority(t: TestApp): Promise<() => Promise<void>> {
  const { authority, rpc, sender } = t.ctx.chain;
  const { value: balance } = await rpc.rpc.getBalance(authority.address).send();
  const message = createBaseMessage(authority, await resolveLifetime({ rpc: rpc.rpc }), [
    getTransferSolInstruction({
      source: authority,
      destination: address('11111111111111111111111111111112'),
      amount: balance - 5_000n,
    }),
  ]);
  const prepared = await prepareTransaction(message);
  const result = await sender.send({
    wire: prepared.wire,
    lastValidBlockHeight: prepared.lastValidBlockHeight,
  });
  if (result.status !== 'confirmed') throw new Error(`drain failed: ${result.status}`);
  return async () => {
    await t.ctx.chain.localValidator!.airdrop(authority.address, lamports(100n * SOL));
  };
}
