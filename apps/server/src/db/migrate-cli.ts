import { loadEnvConfig } from '../config/load-config.ts';
import { openDatabase } from './database.ts';

/** `npm run migrate`: applies migrations to the configured database and exits. */
async function main(): Promise<void> {
  const env = loadEnvConfig();
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
