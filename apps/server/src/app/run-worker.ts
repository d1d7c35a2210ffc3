import type { EnvConfig } from '../config/env-config.ts';
import { reportListening } from './listening-message.ts';
import { openInstance } from './open-instance.ts';
import { exitAfterStopSignal, startServing } from './start-serving.ts';

/**
 * A worker process under the primary (run-primary.ts): it serves HTTP on the shared port, runs
 * the queue workers and registers as an instance of its own. The one-time setup (migrations,
 * chain identity, the admin account, the key files, the bundled validator) is the primary's.
 */
export async function runWorker(env: EnvConfig): Promise<void> {
  const instance = await openInstance(env, { logConfig: false });
  const serving = await startServing(instance);
  reportListening(serving.port);
  exitAfterStopSignal((signal) => serving.stop(signal));
}
