/**
 * Trades ingested per second through the ingestion path (resolve users, insert with
 * idempotency, update per-user aggregates) in batches of 1,000, against a plain bulk INSERT of
 * the same rows into the same table. Run: `npx tsx bench/trades/ingest.ts`
 * (BENCH_DATABASE_URL, default the local PostgreSQL `test` database; a throwaway database is
 * created and dropped). BENCH_TRADES sets the total (default 100,000), BENCH_USERS the users.
 */
import { sql } from 'drizzle-orm';
import { users } from '../../apps/server/src/auth/auth-schema.ts';
import { queryRows } from '../../apps/server/src/db/query-rows.ts';
import { createTestDatabase } from '../../apps/server/src/test-support/test-database.ts';
import { createTradeIngestion } from '../../apps/server/src/trades/trade-ingestion.ts';

process.env.TEST_DATABASE_URL ??= process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TOTAL = Number(process.env.BENCH_TRADES ?? 100_000);
const USERS = Number(process.env.BENCH_USERS ?? 1_000);
const BATCH = 1_000;

const database = await createTestDatabase();
const db = database.db;
const userIds = (
  await db
    .insert(users)
    .values(Array.from({ length: USERS }, (_, i) => ({ email: `bench-${i}@example.com` })))
    .returning({ id: users.id })
).map((u) => u.id);

const makeBatch = (prefix: string, b: number) =>
  Array.from({ length: BATCH }, (_, i) => ({
    id: `${prefix}-${b}-${i}`,
    userId: userIds[(b * BATCH + i) % USERS]!,
    volumeUsd: `${(i % 997) + 1}.25`,
    executedAt: '2026-11-01T12:00:00Z',
  }));

const ingestion = createTradeIngestion({ db });
let start = performance.now();
for (let b = 0; b < TOTAL / BATCH; b++) await ingestion.ingest(makeBatch('ingest', b));
const ingestSeconds = (performance.now() - start) / 1000;

start = performance.now();
for (let b = 0; b < TOTAL / BATCH; b++) {
  const rows = makeBatch('plain', b).map((t) => ({
    external_id: t.id,
    user_id: t.userId,
    volume_usd: t.volumeUsd,
    executed_at: t.executedAt,
  }));
  await db.execute(sql`insert into trades (external_id, user_id, volume_usd, executed_at)
    select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
    as t(external_id text, user_id uuid, volume_usd numeric, executed_at timestamptz)`);
}
const plainSeconds = (performance.now() - start) / 1000;

const [check] = await queryRows<{ n: string }>(db, sql`select sum(trade_count)::text as n from user_volumes`);
await database.close();

const rate = (s: number) => Math.round(TOTAL / s);
console.log(`${TOTAL} trades, ${USERS} users, batches of ${BATCH} (${database.kind})`);
console.log(`ingestion path: ${rate(ingestSeconds)} trades/s (${ingestSeconds.toFixed(2)} s)`);
console.log(`plain bulk insert: ${rate(plainSeconds)} trades/s (${plainSeconds.toFixed(2)} s)`);
console.log(
  `ratio: ${(plainSeconds / ingestSeconds).toFixed(2)} of plain insert speed; aggregated trades ${check?.n}`,
);
