import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, rmdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './repo-root.ts';

const web = join(repoRoot, 'apps/web');
const output = join(web, 'dist/index.html');
/** What the bundle is built from; a change to any of them makes the bundle stale. */
const sources = ['src', 'index.html', 'vite.config.ts', 'public']
  .map((p) => join(web, p))
  .concat(join(repoRoot, 'packages/contract/src'))
  .filter(existsSync);

function newestMtime(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), 0);
}

function isStale(): boolean {
  if (!existsSync(output)) return true;
  const builtAt = statSync(output).mtimeMs;
  return sources.some((source) => newestMtime(source) > builtAt);
}

// Test files run in parallel processes: one builds while the others wait, then find it fresh.
// (Building concurrently would empty dist/ under a server that is serving it.)
const lockDir = join(
  tmpdir(),
  `insignia-web-build-${createHash('sha256').update(web).digest('hex').slice(0, 12)}.lock`,
);
const STALE_LOCK_MS = 5 * 60_000;

async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      await mkdir(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = await stat(lockDir).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > STALE_LOCK_MS) await rmdir(lockDir).catch(() => undefined); // a crashed builder
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await work();
  } finally {
    await rmdir(lockDir).catch(() => undefined);
  }
}

function viteBuild(): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let log = '';
    const child = spawn('npx', ['vite', 'build', '--logLevel', 'warn'], {
      cwd: web,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`vite build failed (${code}):\n${log}`)),
    );
  });
}

/**
 * Builds apps/web into apps/web/dist, which the server serves at `/`, whenever the bundle is
 * missing or older than its sources, so tests never run against a stale bundle. Parallel test
 * files share one build. Set E2E_SKIP_WEB_BUILD=1 to reuse the last build as it is.
 */
export async function buildWeb(): Promise<void> {
  if (process.env.E2E_SKIP_WEB_BUILD === '1') return;
  await withBuildLock(async () => {
    if (isStale()) await viteBuild();
  });
}
