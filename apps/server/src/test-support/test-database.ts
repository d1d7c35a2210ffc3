import { PGlite } from '@electric-sql/pglite';
import { openDatabase, wrapPglite, type Database } from '../db/database.ts';
import { createScratchDatabase } from './scratch-database.ts';

/**
 * A fresh, migrated database for one test file. PostgreSQL when TEST_DATABASE_URL is set (a
 * throwaway database created and dropped around the test), otherwise an in-memory PGlite
 * cloned from a template migrated once per worker.
 */
export async function createTestDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  return url ? createPostgresTestDatabase(url) : createPgliteTestDatabase();
}

export function testDatabaseKind(): 'postgres' | 'pglite' {
  return process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
}

let template: Promise<PGlite> | undefined;

async function createPgliteTestDatabase(): Promise<Database> {
  template ??= (async () => {
    const client = await PGlite.create();
    await wrapPglite(client).migrate();
    return client;
  })();
  const clone = (await (await template).clone()) as PGlite;
  return wrapPglite(clone);
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
