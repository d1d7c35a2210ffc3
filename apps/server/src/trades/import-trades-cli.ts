import { createReadStream } from 'node:fs';
import { pino } from 'pino';
import { openCore } from '../app/open-core.ts';
import { loadEnvConfig } from '../config/load-config.ts';
import { secureDataDir } from '../config/secure-data-dir.ts';
import { createNftStatusService } from '../nft/nft-status-service.ts';
import { importTradesCsv } from './import-trades-csv.ts';
import { createTradeIngestion } from './trade-ingestion.ts';

/** `npm run import:trades -- history.csv`: loads trade history into the configured database. */
async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) {
    console.error(
      'usage: npm run import:trades -- <file.csv>   (columns: id, userId or email, volumeUsd, executedAt)',
    );
    process.exit(2);
  }
  const env = loadEnvConfig();
  // An embedded database lives in the data dir, which stays the server user's alone.
  if (!env.DATABASE_URL) await secureDataDir(env.DATA_DIR);
  const core = await openCore(env, pino({ level: 'warn' }));
  const { database } = core;
  await database.migrate();
  // Imported volume changes what users see: their cached status must go.
  const status = createNftStatusService({ db: database.db, cache: core.cache });
  const ingestion = createTradeIngestion({ db: database.db, onVolumeChanged: status.invalidate });
  const started = Date.now();
  const result = await importTradesCsv(createReadStream(file), ingestion, {
    onProgress: (p) =>
      process.stdout.write(
        `\r${p.rows} rows read, ${p.inserted} new, ${p.duplicates} already known, ${p.pending} waiting for email verification, ${p.reversed} reversals applied, ${p.rejected.length} rejected`,
      ),
  });
  process.stdout.write('\n');
  for (const r of result.rejected.slice(0, 50))
    console.log(`line ${r.line} (${r.id}): ${r.code} ${r.message}`);
  if (result.rejected.length > 50) console.log(`… and ${result.rejected.length - 50} more rejected rows`);
  console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  await core.close();
  process.exit(result.rejected.length > 0 ? 1 : 0);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
