import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Settings that must come from the test, never from the environment the tests run in. */
const notInherited = [
  'DATABASE_URL',
  'REDIS_URL',
  'SOLANA_RPC_URLS',
  'DATA_DIR',
  'JWT_SECRET',
  'MINT_KEY_SECRET',
];

/**
 * Runs one of the server's scripts (`apps/server/src/...`) to its end as a real process, as
 * `npm run migrate` would, and reports its exit code, output and how long it took.
 */
export async function runScript(
  script: string,
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<{ code: number | null; output: string; ms: number }> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !notInherited.includes(name)),
  );
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...inherited, LOG_LEVEL: 'warn', ...env },
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(timer);
  return { code, output, ms: Date.now() - started };
}
