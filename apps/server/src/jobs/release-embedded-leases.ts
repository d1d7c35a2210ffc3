import type { Db } from '../db/database.ts';
import { clearLeases, leasedTables } from './lease-queries.ts';

/**
 * Drops every work lease. Only for a database one process owns, the embedded PGlite: a lease
 * found at start was left by this process's previous run, which died, so its work resumes now
 * instead of when the lease runs out (up to minutes later). Tables are found in the catalog so
 * a new queue is covered without a change here. Returns the number of rows released.
 */
export async function releaseEmbeddedLeases(db: Db): Promise<number> {
  let released = 0;
  for (const name of await leasedTables(db)) released += await clearLeases(db, name);
  return released;
}
