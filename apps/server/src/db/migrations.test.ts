import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../auth/auth-schema.ts';
import { nftRequests, userNfts, nftLevels } from '../nft/nft-schema.ts';
import { createTestDatabase, testDatabaseKind } from '../test-support/test-database.ts';
import { createTestWallet } from '../test-support/test-wallet.ts';
import { trades, userVolumes } from '../trades/trades-schema.ts';
import type { Database } from './database.ts';
import { isUniqueViolation } from './pg-errors.ts';
import { queryRows } from './query-rows.ts';

const newAddress = () => createTestWallet().address;

describe(`schema and migrations (${testDatabaseKind()})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.close());

  const newUser = async (email: string) =>
    (await database.db.insert(users).values({ email }).returning())[0]!;

  it('creates every table of both seeds from an empty database', async () => {
    const rows = await queryRows<{ table_name: string }>(
      database.db,
      sql`select table_name from information_schema.tables where table_schema = 'public'`,
    );
    const tables = rows.map((r) => r.table_name);
    for (const t of [
      'users',
      'trades',
      'user_volumes',
      'nft_levels',
      'user_nfts',
      'nft_requests',
      'badge_categories',
      'badges',
      'badge_issuances',
      'badge_notifications',
      'claim_intents',
      'badge_logs',
      'email_logs',
      'outbox',
      'webhook_deliveries',
      'audit_events',
    ]) {
      expect(tables).toContain(t);
    }
  });

  it('seeds the five default levels with the seed volumes', async () => {
    const levels = await database.db.select().from(nftLevels).orderBy(nftLevels.level);
    expect(levels.map((l) => [l.level, Number(l.minVolumeUsd)])).toEqual([
      [1, 100_000],
      [2, 500_000],
      [3, 5_000_000],
      [4, 10_000_000],
      [5, 50_000_000],
    ]);
    // No default promises what Insignia does not give (there is no "Level 1 badge").
    expect(levels[0]!.benefits).toEqual([
      'Level 1 trading-fee discount',
      'Your Level 1 NFT, verifiable by anyone on Solana',
    ]);
  });

  it('re-running migrations is a no-op', async () => {
    await database.migrate();
    const levels = await database.db.select().from(nftLevels);
    expect(levels).toHaveLength(5);
  });

  it('keeps money exact as NUMERIC decimal strings', async () => {
    const u = await newUser('money@example.com');
    await database.db
      .insert(userVolumes)
      .values({ userId: u.id, totalVolumeUsd: '123456789012345678901234.12345678' });
    const [row] = await database.db
      .select()
      .from(userVolumes)
      .where(sql`${userVolumes.userId} = ${u.id}`);
    expect(row!.totalVolumeUsd).toBe('123456789012345678901234.12345678');
  });

  it('allows at most one active NFT per user, any number of burned ones', async () => {
    const u = await newUser('nft@example.com');
    const base = { userId: u.id, level: 1, ownerWallet: newAddress() };
    await database.db.insert(userNfts).values({ ...base, mintAddress: newAddress(), status: 'burned' });
    await database.db.insert(userNfts).values({ ...base, mintAddress: newAddress(), status: 'active' });
    const second = database.db
      .insert(userNfts)
      .values({ ...base, mintAddress: newAddress(), status: 'active' });
    await expect(second).rejects.toSatisfy((e) => isUniqueViolation(e, 'user_nfts_one_active_per_user'));
  });

  it('allows one open unlock/upgrade request per user', async () => {
    const u = await newUser('req@example.com');
    const base = {
      userId: u.id,
      kind: 'unlock' as const,
      mode: 'user_signed' as const,
      toLevel: 1,
      walletAddress: newAddress(),
    };
    await database.db.insert(nftRequests).values({ ...base, status: 'expired', targetMint: newAddress() });
    await database.db.insert(nftRequests).values({
      ...base,
      status: 'awaiting_signature',
      targetMint: newAddress(),
    });
    const again = database.db.insert(nftRequests).values({
      ...base,
      status: 'awaiting_signature',
      targetMint: newAddress(),
    });
    await expect(again).rejects.toSatisfy((e) => isUniqueViolation(e, 'nft_requests_one_open_per_user'));
  });

  it('refuses a duplicate trade external id and a wallet on two users', async () => {
    const a = await newUser('t1@example.com');
    const b = await newUser('t2@example.com');
    const trade = { externalId: 'ext-1', userId: a.id, volumeUsd: '10.5', executedAt: new Date() };
    await database.db.insert(trades).values(trade);
    await expect(database.db.insert(trades).values({ ...trade, userId: b.id })).rejects.toSatisfy((e) =>
      isUniqueViolation(e),
    );
    const wallet = newAddress();
    await database.db
      .update(users)
      .set({ walletAddress: wallet })
      .where(sql`${users.id} = ${a.id}`);
    await expect(
      database.db
        .update(users)
        .set({ walletAddress: wallet })
        .where(sql`${users.id} = ${b.id}`),
    ).rejects.toSatisfy((e) => isUniqueViolation(e));
  });

  it('refuses negative trade volume and unknown users (foreign keys)', async () => {
    const a = await newUser('t3@example.com');
    await expect(
      database.db
        .insert(trades)
        .values({ externalId: 'neg', userId: a.id, volumeUsd: '-1', executedAt: new Date() }),
    ).rejects.toThrow();
    await expect(
      database.db.insert(trades).values({
        externalId: 'fk',
        userId: '00000000-0000-4000-8000-000000000000',
        volumeUsd: '1',
        executedAt: new Date(),
      }),
    ).rejects.toThrow();
  });
});
