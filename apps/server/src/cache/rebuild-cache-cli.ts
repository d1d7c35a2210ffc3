import { pino } from 'pino';
import { openCore } from '../app/open-core.ts';
import { listUserIdsAfter } from '../auth/user-queries.ts';
import { loadEnvConfig } from '../config/load-config.ts';
import { secureDataDir } from '../config/secure-data-dir.ts';
import { createNftStatusService } from '../nft/nft-status-service.ts';

/**
 * `npm run cache:rebuild`: refills every user's cached status from the database (seed 000's
 * "bulk refresh"), e.g. after a Redis flush. Only meaningful with REDIS_URL: the embedded
 * cache lives inside the server process.
 */
async function main(): Promise<void> {
  const env = loadEnvConfig();
  if (!env.REDIS_URL) {
    console.log(
      'No REDIS_URL: the in-process cache fills itself inside the running server; nothing to rebuild.',
    );
    return;
  }
  // An embedded database lives in the data dir, which stays the server user's alone.
  if (!env.DATABASE_URL) await secureDataDir(env.DATA_DIR);
  const core = await openCore(env, pino({ level: 'warn' }));
  const { database } = core;
  const status = createNftStatusService({ db: database.db, cache: core.cache });
  const started = Date.now();
  let done = 0;
  for (let after = ''; ;) {
    const ids = await listUserIdsAfter(database.db, after, 500);
    const last = ids.at(-1);
    if (last === undefined) break;
    await status.rebuild(ids);
    done += ids.length;
    after = last;
    process.stdout.write(`\r${done} users rebuilt`);
  }
  console.log(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  await core.close();
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
