import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { queryRows } from '../db/query-rows.ts';

/** Every table with `lease_owner` and `lease_expires_at`: the work queues, found in the catalog. */
export async function leasedTables(db: Db): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.columns
        where table_schema = 'public' and column_name in ('lease_owner', 'lease_expires_at')
        group by table_name having count(*) = 2 order by table_name`,
  );
  return rows.map((r) => r.name);
}

/**
 * Drops every work lease. Only for a database one process owns, the embedded PGlite: a lease
 * found at start was left by this process's previous run, which died, so its work resumes now
 * instead of when the lease runs out (up to minutes later). Tables are found in the catalog so
 * a new queue is covered without a change here. Returns the number of rows released.
 */
export async function releaseEmbeddedLeases(db: Db): Promise<number> {
  let released = 0;
  for (const name of await leasedTables(db)) {
    const rows = await queryRows<{ n: number }>(
      db,
      sql`with released as (update ${sql.identifier(name)} set lease_owner = null, lease_expires_at = null
          where lease_owner is not null returning 1) select count(*)::int as n from released`,
    );
    released += rows[0]?.n ?? 0;
  }
  return released;
}
