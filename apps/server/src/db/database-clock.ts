import { sql, type SQL } from 'drizzle-orm';

/**
 * The one clock of the work queues: the database's. Due times and leases written and compared
 * by it agree across instances, whatever their own clocks say. The statement's time, not the
 * transaction's (`now()`): a worker transaction begun before an enqueue committed still sees
 * the new row as due.
 */
export function dbNow(): SQL<Date> {
  return sql<Date>`statement_timestamp()`;
}

/** The database's time plus `ms` milliseconds, for a due time or a lease's end. */
export function dbNowPlus(ms: number): SQL<Date> {
  return sql<Date>`statement_timestamp() + make_interval(secs => ${ms / 1000})`;
}

/** A retry's due time on the database clock; null (none) when attempts are used up. */
export function retryAtSql(retryInMs: number | undefined): SQL<Date> | null {
  return retryInMs === undefined ? null : dbNowPlus(retryInMs);
}
