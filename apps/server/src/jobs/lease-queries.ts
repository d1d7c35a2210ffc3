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
 * Clears the leases held in table `name`: all of them, or with `instanceIds` only those whose
 * owner (`<pid>:<instance id>:…`) names one of these instances. Returns the number of rows freed.
 */
export async function clearLeases(db: Db, name: string, instanceIds?: readonly string[]): Promise<number> {
  const ofInstances =
    instanceIds === undefined
      ? sql``
      : sql` and split_part(lease_owner, ':', 2) in (${sql.join(
          instanceIds.map((id) => sql`${id}`),
          sql`, `,
        )})`;
  const rows = await queryRows<{ n: number }>(
    db,
    sql`with released as (
          update ${sql.identifier(name)} set lease_owner = null, lease_expires_at = null
          where lease_owner is not null${ofInstances}
          returning 1)
        select count(*)::int as n from released`,
  );
  return rows[0]?.n ?? 0;
}
