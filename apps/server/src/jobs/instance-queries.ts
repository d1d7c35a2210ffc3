import { hostname } from 'node:os';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { queryRows } from '../db/query-rows.ts';

/** Records instance `id` as alive now (again, if it had been taken for dead). */
export async function recordHeartbeat(db: Db, id: string): Promise<void> {
  await db.execute(sql`insert into instances (id, host, pid) values (${id}, ${hostname()}, ${process.pid})
                       on conflict (id) do update set heartbeat_at = now(), stopped_at = null`);
}

/** Marks instance `id` stopped. */
export async function markInstanceStopped(db: Db, id: string): Promise<void> {
  await db.execute(sql`update instances set stopped_at = now() where id = ${id}`);
}

/**
 * The condition of a dead instance: it said it stopped, or (with `staleAfterMs`) its heartbeat
 * is older than that on the database clock.
 */
function deadCondition(staleAfterMs: number | undefined): SQL {
  const deadSince =
    staleAfterMs === undefined
      ? sql`'-infinity'::timestamptz`
      : sql`now() - make_interval(secs => ${staleAfterMs / 1000})`;
  return sql`(stopped_at is not null or heartbeat_at < ${deadSince})`;
}

/** The ids of instances that stopped, or with `staleAfterMs` also those silent that long. */
export async function findDeadInstanceIds(db: Db, staleAfterMs: number | undefined): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id::text as id from instances where ${deadCondition(staleAfterMs)}`,
  );
  return rows.map((r) => r.id);
}

/** Forgets these instances, unless one beat again since it was found dead. */
export async function deleteDeadInstances(
  db: Db,
  ids: readonly string[],
  staleAfterMs: number | undefined,
): Promise<void> {
  const list = sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
  await db.execute(sql`delete from instances where id::text in (${list}) and ${deadCondition(staleAfterMs)}`);
}
