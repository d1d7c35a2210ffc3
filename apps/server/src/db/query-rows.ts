import type { SQL } from 'drizzle-orm';
import type { Db } from './database.ts';

/**
 * Runs raw SQL and returns its rows. Both drivers (pg and PGlite) answer `{ rows }`, but the
 * shared Drizzle type cannot say so; this is the one place that knows.
 */
export async function queryRows<T>(db: Pick<Db, 'execute'>, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}
