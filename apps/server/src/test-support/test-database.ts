import { openDatabase, type Database } from '../db/database.ts';
import { takePgliteDatabase } from './pglite-pool.ts';
import { createScratchDatabase } from './scratch-database.ts';

/**
 * A migrated database of the caller's own, holding only the rows the migrations insert; `close`
 * when done. PostgreSQL when TEST_DATABASE_URL is set (a throwaway database created and dropped
 * around the test), otherwise an in-memory PGlite, emptied and reused after `close`
 * (pglite-pool.ts).
 */
export async function createTestDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  return url ? createPostgresTestDatabase(url) : takePgliteDatabase();
}

export function testDatabaseKind(): 'postgres' | 'pglite' {
  return process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
}

async function createPostgresTestDatabase(adminUrl: string): Promise<Database> {
  const scratch = await createScratchDatabase(adminUrl, 'insignia_test');
  const database = await openDatabase({ databaseUrl: scratch.url, dataDir: null, poolSize: 5 });
  await database.migrate();
  return {
    ...database,
    async close() {
      await database.close();
      await scratch.drop();
    },
  };
}
