import path from 'node:path';
import { startLocalValidator } from './start-local-validator.ts';

// npm runs workspace scripts inside the package directory; resolve DATA_DIR against where npm was invoked.
const baseDir = process.env.INIT_CWD ?? process.cwd();
const dataDir = path.resolve(baseDir, process.env.DATA_DIR ?? './data', 'chain');
const port = Number(process.env.SOLANA_LOCAL_PORT ?? 8899);
if (!Number.isInteger(port) || port < 0 || port > 65534) {
  console.error(`SOLANA_LOCAL_PORT must be a port number, got ${process.env.SOLANA_LOCAL_PORT}`);
  process.exit(1);
}

const validator = await startLocalValidator({
  port,
  dataDir,
  host: process.env.SOLANA_LOCAL_HOST ?? '127.0.0.1',
  logger: console,
});
console.log(
  `Local Solana validator: RPC ${validator.url}, WebSocket ${validator.wsUrl ?? '-'}, ledger ${dataDir}`,
);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal} received, writing snapshot and stopping`);
  validator.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
