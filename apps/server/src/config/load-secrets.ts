import { databaseTimeoutsFrom } from '../db/create-postgres-pool.ts';
import { openDatabase, type Database } from '../db/database.ts';
import type { EnvConfig } from './env-config.ts';
import { loadOrCreateDataSecrets, type DataSecrets } from './data-secrets.ts';
import { loadOrCreateSharedSecrets } from './shared-secrets.ts';

/**
 * The platform's secrets at start. Embedded (PGlite: one process) they live in the data dir;
 * with PostgreSQL, which several hosts may share, in the database (migrated first, so the
 * table exists), and the opened database is handed on for the app to use.
 */
export async function loadSecrets(
  env: EnvConfig,
): Promise<{ secrets: DataSecrets; created: boolean; database?: Database }> {
  if (!env.DATABASE_URL) return loadOrCreateDataSecrets(env.DATA_DIR);
  const database = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    poolSize: env.DATABASE_POOL_SIZE,
    timeouts: databaseTimeoutsFrom(env),
  });
  try {
    await database.migrate();
    return { ...(await loadOrCreateSharedSecrets(database.db, env, env.DATA_DIR)), database };
  } catch (e) {
    await database.close().catch(() => {});
    throw e;
  }
}
