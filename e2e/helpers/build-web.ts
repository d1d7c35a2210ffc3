import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './repo-root.ts';

/**
 * Builds apps/web into apps/web/dist, which the server serves at `/`. Tests build every run so
 * they never test a stale bundle; set E2E_SKIP_WEB_BUILD=1 to reuse the last build.
 */
export async function buildWeb(): Promise<void> {
  if (process.env.E2E_SKIP_WEB_BUILD === '1') return;
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const child = spawn('npx', ['vite', 'build', '--logLevel', 'warn'], {
      cwd: join(repoRoot, 'apps/web'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`vite build failed (${code}):\n${output}`)),
    );
  });
}
