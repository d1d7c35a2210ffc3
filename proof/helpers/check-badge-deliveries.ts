import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createSolanaRpc, getBase58Decoder, type Address } from '@solana/kit';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { badgeIssuances, badgeIssuanceTransactions } from '../../apps/server/src/badges/badges-schema.ts';
import { readTokenBalances } from '../../apps/server/src/badges/read-token-balances.ts';
import { claimIntents } from '../../apps/server/src/claims/claims-schema.ts';
import type { Db } from '../../apps/server/src/db/database.ts';
import { outbox } from '../../apps/server/src/events/events-schema.ts';
import { emailLogs } from '../../apps/server/src/mail/mail-schema.ts';

/** One recipient of one badge, and where its unit must be. */
export interface BadgeRecipient {
  userId: string;
  wallet: string;
  mint: string;
  withWallet: boolean;
  claimed: boolean;
}

/** The vault's address, from the keypair the server generated into its data dir. */
export async function vaultAddress(dataDir: string): Promise<string> {
  const bytes = JSON.parse(await readFile(join(dataDir, 'keys', 'vault.json'), 'utf8')) as number[];
  return getBase58Decoder().decode(Uint8Array.from(bytes.slice(32)));
}

/** On chain: one unit in each wallet that should hold one, and the rest (exactly) in the vault. */
export async function checkBadgeHoldings(rpcUrl: string, vault: string, expected: BadgeRecipient[]) {
  const rpc = createSolanaRpc(rpcUrl);
  const queries = [
    ...expected.map((r) => ({ owner: r.wallet as Address, mint: r.mint as Address })),
    ...[...new Set(expected.map((r) => r.mint))].map((mint) => ({
      owner: vault as Address,
      mint: mint as Address,
    })),
  ];
  const balances = await readTokenBalances(rpc, queries);
  const violations: string[] = [];
  for (const r of expected) {
    const want = r.withWallet || r.claimed ? 1n : 0n;
    const got = balances.get(`${r.wallet}:${r.mint}`) ?? 0n;
    if (got !== want) violations.push(`${r.userId}: wallet holds ${got} of ${r.mint}, expected ${want}`);
  }
  for (const mint of new Set(expected.map((r) => r.mint))) {
    const want = BigInt(expected.filter((r) => r.mint === mint && !r.withWallet && !r.claimed).length);
    const got = balances.get(`${vault}:${mint}`) ?? 0n;
    if (got !== want) violations.push(`vault holds ${got} of ${mint}, expected ${want}`);
  }
  return violations;
}

/**
 * In the database and the mail outbox: each issuance and claim terminal and recorded once,
 * each with exactly one email, sent, written to the outbox exactly once, and one event each.
 */
export async function checkBadgeRecords(db: Db, dataDir: string, expected: BadgeRecipient[]) {
  const violations: string[] = [];
  const userIds = expected.map((r) => r.userId);
  const issuances = await db.select().from(badgeIssuances).where(inArray(badgeIssuances.userId, userIds));
  const claims = await db.select().from(claimIntents).where(inArray(claimIntents.userId, userIds));
  for (const r of expected) {
    const mine = issuances.filter((i) => i.userId === r.userId);
    const want = r.claimed ? 'claimed' : r.withWallet ? 'issued' : 'in_vault';
    if (mine.length !== 1 || mine[0]!.status !== want) {
      violations.push(`${r.userId}: issuances [${mine.map((i) => i.status).join(', ')}], expected [${want}]`);
    }
    const done = claims.filter((c) => c.userId === r.userId && c.status === 'completed');
    if (done.length !== (r.claimed ? 1 : 0)) violations.push(`${r.userId}: ${done.length} completed claims`);
  }
  const open = await db
    .select()
    .from(badgeIssuanceTransactions)
    .where(inArray(badgeIssuanceTransactions.status, ['sent', 'awaiting_signature']));
  if (open.length > 0) violations.push(`${open.length} mint transactions never settled`);

  const emails = await db.select().from(emailLogs).where(inArray(emailLogs.userId, userIds));
  const wantEmails = expected.length + expected.filter((r) => r.claimed).length;
  if (emails.length !== wantEmails) violations.push(`${emails.length} emails queued, expected ${wantEmails}`);
  for (const e of emails.filter((m) => m.status !== 'sent'))
    violations.push(`email ${e.dedupeKey} is ${e.status}`);
  const files = await readdir(join(dataDir, 'outbox')).catch(() => [] as string[]);
  for (const e of emails) {
    const copies = files.filter((f) => f.endsWith(`-${e.id}.eml`)).length;
    if (copies !== 1) violations.push(`email ${e.dedupeKey} was written ${copies} times`);
  }

  const events = async (type: string, key: string, ids: string[]) => {
    const rows = await db
      .select({ id: sql<string>`${outbox.payload}->>${key}` })
      .from(outbox)
      .where(and(eq(outbox.type, type), inArray(sql<string>`${outbox.payload}->>${key}`, ids)));
    for (const id of ids) {
      const n = rows.filter((row) => row.id === id).length;
      if (n !== 1) violations.push(`${type} for ${id}: ${n} events`);
    }
  };
  await events(
    'badge.issued',
    'issuanceId',
    issuances.map((i) => i.id),
  );
  await events(
    'badge.claimed',
    'claimId',
    claims.filter((c) => c.status === 'completed').map((c) => c.id),
  );
  return violations;
}
