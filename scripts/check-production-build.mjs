// Checks the production build the way an operator would use it, in a throwaway copy of the
// working tree: `npm ci`, `npm run build`, the migrations against the schema (drizzle-kit),
// `npm prune --omit=dev`, then the built server started with `npm run start:prod` on a free port
// and a fresh DATA_DIR must answer `/healthz` and `/`, stop cleanly, and each production CLI must
// load. Exits non-zero on the first failure. KEEP_PRODUCTION_CHECK=1 keeps the copy.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'insignia-production-check-'));
const copy = join(work, 'repo');
const migrationsDir = join(copy, 'apps/server/drizzle');
/** Settings that would point the server away from its embedded defaults. */
const notInherited = [
  'DATABASE_URL',
  'REDIS_URL',
  'SOLANA_RPC_URLS',
  'SMTP_URL',
  'IPFS_API_URL',
  'KAFKA_BROKERS',
];
const baseEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !notInherited.includes(name)),
);

class CheckFailed extends Error {}

const checkStart = Date.now();
function step(title) {
  console.log(`\n--- ${title} (${Math.round((Date.now() - checkStart) / 1000)} s)`);
}

/** Runs a command in the copy to its end; fails the check unless it exits with `expectCode`. */
function run(command, args, { cwd = copy, env = {}, expectCode = 0, timeoutMs = 600_000 } = {}) {
  const result = spawnSync(command, args, {
    cwd,
    env: { ...baseEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== expectCode) {
    const why = result.error ? result.error.message : `exit code ${result.status}, expected ${expectCode}`;
    throw new CheckFailed(`${command} ${args.join(' ')}: ${why}\n${output.slice(-4_000)}`);
  }
  return output;
}

/** Copies the tracked and new (not ignored) files, so uncommitted work is checked too. */
function copyWorkingTree() {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (listed.status !== 0) throw new CheckFailed(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    const from = join(repoRoot, file);
    if (!existsSync(from)) continue; // deleted in the working tree, not yet in the index
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(from, join(copy, file), { verbatimSymlinks: true });
  }
}

function listMigrations() {
  const files = readdirSync(migrationsDir, { recursive: true }).map(String).sort();
  return `${files.join('\n')}\n${readFileSync(join(migrationsDir, 'meta/_journal.json'), 'utf8')}`;
}

function findFreePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** Signals a process group; false when none of its processes is left. */
function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts an npm script in its own process group. `stop()` sends SIGTERM to the group (npm
 * itself dies of it; the program it started shuts down on its own) and resolves true once
 * every process of the group is gone, false if one had to be killed after `timeoutMs`.
 */
function startScript(script, env) {
  const child = spawn('npm', ['run', '--silent', script], {
    cwd: copy,
    env: { ...baseEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const append = (chunk) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const exited = new Promise((resolveExit) =>
    child.once('exit', (code, signal) => resolveExit(code ?? signal)),
  );
  return {
    output: () => output,
    exited,
    async stop(timeoutMs = 30_000) {
      signalGroup(child.pid, 'SIGTERM');
      for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
        await new Promise((r) => setTimeout(r, 250));
        if (!signalGroup(child.pid, 0)) return true;
      }
      signalGroup(child.pid, 'SIGKILL');
      return false;
    },
  };
}

/** Polls `check` until it holds; fails if the process exits first or time runs out. */
async function waitFor(what, check, started, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    const code = await Promise.race([
      started.exited,
      new Promise((r) => setTimeout(() => r(undefined), 500)),
    ]);
    if (code !== undefined) throw new CheckFailed(`exited (${code}) before ${what}:\n${started.output()}`);
  }
  await started.stop();
  throw new CheckFailed(`no ${what} within ${timeoutMs / 1000} s:\n${started.output()}`);
}

async function get(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    return { status: response.status, body: await response.text() };
  } catch {
    return { status: 0, body: '' };
  }
}

async function checkServer() {
  const port = await findFreePort();
  const base = `http://127.0.0.1:${port}`;
  const server = startScript('start:prod', {
    HOST: '127.0.0.1',
    PORT: String(port),
    SOLANA_LOCAL_PORT: '0',
    DATA_DIR: join(work, 'data-server'),
    LOG_LEVEL: 'warn',
  });
  await waitFor(
    '/healthz answering 200',
    async () => (await get(`${base}/healthz`)).status === 200,
    server,
    180_000,
  );
  const page = await get(`${base}/`);
  // The built index.html loads hashed bundles from /assets/, the source one /src/main.tsx.
  if (page.status !== 200 || !page.body.includes('<div id="root"') || !page.body.includes('/assets/')) {
    await server.stop();
    throw new CheckFailed(`GET / answered ${page.status}, not the web app:\n${page.body.slice(0, 500)}`);
  }
  console.log(`/healthz and / answered 200 on ${base}`);
  if (!(await server.stop()))
    throw new CheckFailed(`the server did not stop on SIGTERM:\n${server.output()}`);
}

async function checkValidatorCli() {
  const validator = startScript('validator:prod', {
    SOLANA_LOCAL_PORT: '0',
    DATA_DIR: join(work, 'data-validator'),
  });
  await waitFor(
    'the validator started',
    () => validator.output().includes('Local Solana validator:'),
    validator,
    60_000,
  );
  if (!(await validator.stop()))
    throw new CheckFailed(`the validator did not stop on SIGTERM:\n${validator.output()}`);
}

async function main() {
  step(`copy of the working tree in ${copy}`);
  copyWorkingTree();

  step('npm ci');
  run('npm', ['ci', '--no-audit', '--no-fund']);

  step('npm run build');
  run('npm', ['run', 'build']);
  for (const built of [
    'apps/server/dist/main.js',
    'packages/local-validator/dist/cli.js',
    'apps/web/dist/index.html',
  ]) {
    if (!existsSync(join(copy, built))) throw new CheckFailed(`npm run build did not produce ${built}`);
  }

  step('migrations match the schema (drizzle-kit check, drizzle-kit generate adds nothing)');
  const server = join(copy, 'apps/server');
  run('npx', ['drizzle-kit', 'check'], { cwd: server });
  const before = listMigrations();
  // drizzle-kit exits 0 even when it fails (a schema that does not load, or a rename it would
  // have to ask about with no terminal to ask on): only its "No schema changes" means a pass.
  const generated = run('npx', ['drizzle-kit', 'generate'], { cwd: server, timeoutMs: 120_000 });
  if (listMigrations() !== before || !generated.includes('No schema changes')) {
    throw new CheckFailed(
      `the schema has changes no migration holds (run \`npm run db:generate -w @insignia/server\`):\n${generated}`,
    );
  }

  step('npm prune --omit=dev');
  run('npm', ['prune', '--omit=dev', '--no-audit', '--no-fund']);
  for (const devOnly of ['tsx', 'vite', 'typescript']) {
    if (existsSync(join(copy, 'node_modules', devOnly)))
      throw new CheckFailed(`${devOnly} is still installed after the prune`);
  }

  step('npm run start:prod');
  await checkServer();

  step('production CLIs');
  const cliData = join(work, 'data-cli');
  run('npm', ['run', '--silent', 'migrate:prod'], { env: { DATA_DIR: cliData } });
  run('npm', ['run', '--silent', 'import:trades:prod'], { env: { DATA_DIR: cliData }, expectCode: 2 }); // usage: no file given
  run('npm', ['run', '--silent', 'cache:rebuild:prod'], { env: { DATA_DIR: cliData } }); // no REDIS_URL: nothing to do
  run('npm', ['run', '--silent', 'admin:prod', '--', 'reset-password', 'nobody@example.com'], {
    env: { DATA_DIR: cliData },
    expectCode: 1, // no such account
  });
  await checkValidatorCli();
  console.log(
    'migrate:prod, import:trades:prod, cache:rebuild:prod, admin:prod and validator:prod run from dist',
  );
}

try {
  await main();
  console.log('\nProduction build check passed.');
} catch (error) {
  console.error(`\nProduction build check FAILED: ${error instanceof CheckFailed ? error.message : error}`);
  process.exitCode = 1;
} finally {
  if (process.env.KEEP_PRODUCTION_CHECK === '1') console.log(`Kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
