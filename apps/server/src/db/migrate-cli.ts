import { pino } from 'pino';
import { openCore } from '../app/open-core.ts';
import { loadEnvConfig } from '../config/load-config.ts';
import { secureDataDir } from '../config/secure-data-dir.ts';

/** `npm run migrate`: applies migrations to the configured database and exits. */
async function main(): Promise<void> {
  const env = loadEnvConfig();
  // An embedded database lives in the data dir, which stays the server user's alone.
  if (!env.DATABASE_URL) await secureDataDir(env.DATA_DIR);
  const core = await openCore(env, pino({ level: 'warn' }), { withoutRedis: true });
  try {
    await core.database.migrate();
    console.log(`Migrations applied (${core.database.kind}).`);
  } finally {
    await core.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
