// Runs a validator in its own process for tests that kill it (kill -9) or drive it over HTTP only.
// Env: CHAIN_DIR (required). Prints one JSON line { url, wsUrl } once listening.
import { startLocalValidator } from '../../src/index.ts';

const dataDir = process.env.CHAIN_DIR;
if (!dataDir) throw new Error('CHAIN_DIR is required');
const validator = await startLocalValidator({ port: 0, dataDir, enableFaultControl: true });
process.stdout.write(`${JSON.stringify({ url: validator.url, wsUrl: validator.wsUrl })}\n`);
