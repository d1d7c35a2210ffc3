import cluster from 'node:cluster';
import { runPrimary } from './app/run-primary.ts';
import { runSingle } from './app/run-single.ts';
import { runWorker } from './app/run-worker.ts';
import { toDataDirError } from './config/data-dir-error.ts';
import { processCount } from './config/env-config.ts';
import { loadEnvConfig } from './config/load-config.ts';
import { isAppError } from './errors/app-error.ts';

/** Known once the settings parse: file errors in it are reported as the setting's. */
let dataDir: string | undefined;

/** One process (PROCESSES=1, the embedded default), or a primary and its server processes. */
async function main(): Promise<void> {
  const env = loadEnvConfig();
  dataDir = env.DATA_DIR;
  if (cluster.isWorker) return runWorker(env);
  const processes = processCount(env);
  return processes > 1 ? runPrimary(env, processes) : runSingle(env);
}

main().catch((e: unknown) => {
  const dataDirError = dataDir === undefined ? undefined : toDataDirError(e, dataDir);
  if (isAppError(e, 'CONFIG__INVALID', 'CHAIN__IDENTITY_MISMATCH', 'CONFIG__SHARED_SECRETS')) {
    console.error(e.message);
  } else if (dataDirError) {
    console.error(dataDirError.message);
  } else {
    console.error('Insignia failed to start:', e);
  }
  process.exit(1);
});
