import { loadEnvConfig } from '../config/load-config.ts';
import { secureDataDir } from '../config/secure-data-dir.ts';
import { openDatabase } from './database.ts';

/** `npm run migrate`: applies migrations to the configured database and exits. */
async function main(): Promise<void> {
  const env = loadEnvConfig();
  // An embedded database lives in the data dir, which stays the server user's alone.
  if (!env.DATABASE_URL) await secureDataDir(env.DATA_DIR);
  const database = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
  });
  try {
    await database.migrate();
    console.log(`Migrations applied (${database.kind}).`);
  } finally {
    await database.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
