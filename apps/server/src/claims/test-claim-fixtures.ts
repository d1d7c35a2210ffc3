import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  generateKeyPairSigner,
  getBase58Decoder,
  signBytes,
  type Address,
  type KeyPairSigner,
  type Signature,
} from '@solana/kit';
import { and, eq } from 'drizzle-orm';
import type { AuthResponse } from '@insignia/contract';
import { badgeLogs } from '../badges/badge-logs-schema.ts';
import { badgeIssuances, badgeNotifications, badges } from '../badges/badges-schema.ts';
import { buildBadgeMint } from '../chain/build-badge-mint.ts';
import { resolveLifetime } from '../chain/create-base-message.ts';
import { packBadgeIssuances } from '../chain/pack-badge-issuances.ts';
import { prepareTransaction } from '../chain/prepare-transaction.ts';
import type { BuiltMessage } from '../chain/create-base-message.ts';
import type { TestApp } from '../test-support/test-app.ts';
import { readTokenBalance } from './read-token-balance.ts';

/**
 * Test-only: badges put in place the way the issuance service leaves them, on the real local
 * validator (a Token-2022 badge mint, one unit minted to the vault or a wallet) and in the
 * database (`badges` and `badge_issuances` rows, and a notification).
 */

const SAMPLE_CID = 'bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku';

export type BadgeRow = typeof badges.$inferSelect;
export type IssuanceRow = typeof badgeIssuances.$inferSelect;

async function serverSend(t: TestApp, message: BuiltMessage): Promise<Signature> {
  const prepared = await prepareTransaction(message);
  const result = await t.ctx.chain.sender.send({
    wire: prepared.wire,
    lastValidBlockHeight: prepared.lastValidBlockHeight,
  });
  if (result.status !== 'confirmed') throw new Error(`fixture transaction ${result.status}`);
  return result.signature;
}

const buildContext = (t: TestApp) => ({
  rpc: t.ctx.chain.rpc.rpc,
  computeBudget: t.ctx.chain.rpc.computeBudget,
});

/** A blockchain-backed badge: its Token-2022 mint created on chain, the server as authority. */
export async function createChainBadge(
  t: TestApp,
  name = `Badge ${randomUUID().slice(0, 8)}`,
): Promise<BadgeRow> {
  const mint = await generateKeyPairSigner();
  const built = await buildBadgeMint(buildContext(t), {
    mint,
    authority: t.ctx.chain.authority,
    name,
    symbol: 'BDG',
    uri: `ipfs://${SAMPLE_CID}`,
  });
  const mintSignature = await serverSend(t, built.message);
  const [badge] = await t.ctx.database.db
    .insert(badges)
    .values({
      name,
      description: `${name}, for testing`,
      badgeType: 'blockchain',
      mintAddress: mint.address,
      mintSignature,
      metadataUri: `ipfs://${SAMPLE_CID}`,
      imageUri: `ipfs://${SAMPLE_CID}`,
    })
    .returning();
  return badge!;
}

/** A database-only badge: no mint, nothing on chain. */
export async function createDatabaseBadge(t: TestApp, name = `Kudos ${randomUUID().slice(0, 8)}`) {
  const [badge] = await t.ctx.database.db
    .insert(badges)
    .values({ name, description: 'No chain involved', badgeType: 'database' })
    .returning();
  return badge!;
}

const recipientHash = (userId: string) => createHash('sha256').update(`test-salt:${userId}`).digest('hex');

async function insertIssuance(
  t: TestApp,
  values: Omit<typeof badgeIssuances.$inferInsert, 'recipientHash'>,
): Promise<IssuanceRow> {
  const db = t.ctx.database.db;
  const [issuance] = await db
    .insert(badgeIssuances)
    .values({ ...values, recipientHash: recipientHash(values.userId), issuedAt: new Date() })
    .returning();
  await db.insert(badgeNotifications).values({ issuanceId: issuance!.id, userId: values.userId });
  await t.ctx.badges.userBadges.invalidate([values.userId]);
  return issuance!;
}

/** Mints one unit of `badge` to `owner` on chain; returns the transaction signature. */
async function mintOne(t: TestApp, badge: BadgeRow, owner: Address): Promise<Signature> {
  if (!badge.mintAddress) throw new Error(`fixture badge ${badge.id} has no mint`);
  const [batch] = await packBadgeIssuances({
    feePayer: t.ctx.chain.authority,
    mintAuthority: t.ctx.chain.authority,
    // A distinct memo per unit: two identical transactions would be one on chain.
    items: [{ id: 'fixture', mint: badge.mintAddress, owner, memo: `fixture:${randomUUID()}` }],
    lifetime: await resolveLifetime(buildContext(t)),
    computeBudget: t.ctx.chain.rpc.computeBudget,
  });
  return serverSend(t, batch!.message);
}

/** One unit of `badge` minted to the vault for `userId`: an `in_vault` issuance. */
export async function issueToVault(t: TestApp, badge: BadgeRow, userId: string): Promise<IssuanceRow> {
  const mintSignature = await mintOne(t, badge, t.ctx.chain.vault.address);
  return insertIssuance(t, {
    badgeId: badge.id,
    userId,
    status: 'in_vault',
    destination: 'vault',
    metadataUri: `ipfs://${SAMPLE_CID}`,
    metadataCid: SAMPLE_CID,
    mintSignature,
  });
}

/** One unit of `badge` minted straight to the user's wallet: an `issued` issuance. */
export async function issueToWallet(t: TestApp, badge: BadgeRow, userId: string, wallet: Address) {
  const mintSignature = await mintOne(t, badge, wallet);
  return insertIssuance(t, {
    badgeId: badge.id,
    userId,
    status: 'issued',
    destination: 'wallet',
    walletAddress: wallet,
    mintSignature,
  });
}

/** A database-only badge issued to the user (no chain, no email). */
export async function issueDatabaseBadge(t: TestApp, badge: BadgeRow, userId: string) {
  return insertIssuance(t, { badgeId: badge.id, userId, status: 'issued', destination: 'none' });
}

/** Links `wallet` to the user's profile by Sign-In-With-Solana, as the app does. */
export async function linkWallet(t: TestApp, user: AuthResponse, wallet: KeyPairSigner): Promise<void> {
  const headers = { authorization: `Bearer ${user.token}` };
  const challenge = await t.app.inject({
    method: 'GET',
    url: `/api/auth/siws/challenge?address=${wallet.address}`,
    headers,
  });
  const { message } = challenge.json<{ message: string }>();
  const signature = getBase58Decoder().decode(
    await signBytes(wallet.keyPair.privateKey, new TextEncoder().encode(message)),
  );
  const linked = await t.app.inject({
    method: 'PUT',
    url: '/api/me/wallet',
    headers,
    payload: { address: wallet.address, message, signature },
  });
  if (linked.statusCode !== 200) throw new Error(`link failed: ${linked.body}`);
}

/** Units of `mint` held by `owner`'s token account. */
export const balanceOf = (t: TestApp, owner: Address, mint: Address) =>
  readTokenBalance(t.ctx.chain.rpc.rpc, owner, mint);

/** The badge_logs actions recorded for a claim, oldest first. */
export async function claimLogActions(t: TestApp, claimId: string): Promise<string[]> {
  const rows = await t.ctx.database.db
    .select({ action: badgeLogs.actionType, at: badgeLogs.createdAt })
    .from(badgeLogs)
    .where(and(eq(badgeLogs.claimId, claimId), eq(badgeLogs.entityType, 'claim')))
    .orderBy(badgeLogs.createdAt);
  return rows.map((r) => r.action);
}

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  rawBody: string;
}

/** A real HTTP server standing in for the admin's webhook endpoint; answers 204. */
export async function startWebhookReceiver() {
  const received: ReceivedWebhook[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, rawBody: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/insignia/claims`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
