import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from './free-port.ts';
import { repoRoot } from './repo-root.ts';

export interface StartServerOptions {
  /** Extra or overriding environment for the server process. */
  env?: Record<string, string | undefined>;
  /** How long to wait for `GET /healthz` = 200 (default 60 s). */
  timeoutMs?: number;
}

export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  url: string;
  dataDir: string;
  /** The admin account the server was told to create (`ADMIN_EMAIL` / `ADMIN_PASSWORD`). */
  admin: { email: string; password: string };
  /** The key for `POST /api/trades` (`x-api-key`), given to the server as `INGEST_API_KEY`. */
  ingestApiKey: string;
  /** JSON-RPC URL of the server's bundled local validator (embedded mode). */
  rpcUrl: string;
  /** Everything the server printed so far (stdout and stderr), for failure messages. */
  output: () => string;
  /** Kills the server's process group and deletes its data dir. Safe to call twice. */
  stop: () => Promise<void>;
}

const running = new Set<ChildProcess>();
// A test run that dies without calling stop() must not leave servers behind.
process.once('exit', () => {
  for (const child of running) signalGroup(child, 'SIGKILL');
});

/** Signals every process of the child's group; false when none of them is left. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals | 0): boolean {
  if (child.pid === undefined) return false;
  try {
    process.kill(-child.pid, signal);
    return true;
  } catch {
    return false; // no process of the group is left
  }
}

/**
 * Resolves true once no process of the child's group is left, false after `ms`. npx exits as
 * soon as it is signalled, while the server it started is still shutting down and writing to
 * its database: a test that opens that database next must wait for the whole group.
 */
async function waitForGroupExit(child: ChildProcess, ms: number): Promise<boolean> {
  for (const deadline = Date.now() + ms; signalGroup(child, 0);) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/**
 * Starts the real server (`npx tsx apps/server/src/main.ts`) on a free port with a fresh data dir,
 * and resolves once `/healthz` answers 200. The web app must already be built (`apps/web/dist`).
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const [port, solanaPort] = [await findFreePort(), await findFreePort()];
  const dataDir = await mkdtemp(join(tmpdir(), 'insignia-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  const admin = {
    email: options.env?.ADMIN_EMAIL ?? 'admin@insignia.test',
    password: options.env?.ADMIN_PASSWORD ?? 'admin-password-e2e',
  };
  const ingestApiKey = options.env?.INGEST_API_KEY ?? `ik_e2e_${randomBytes(18).toString('base64url')}`;
  const rpcUrl = `http://127.0.0.1:${solanaPort}`;

  const child = spawn('npx', ['tsx', 'apps/server/src/main.ts'], {
    cwd: repoRoot,
    detached: true, // own process group, so stop() also ends npx's children
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: url,
      DATA_DIR: dataDir,
      SOLANA_LOCAL_PORT: String(solanaPort), // tests may run several servers at once
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      INGEST_API_KEY: ingestApiKey,
      LOG_LEVEL: 'warn',
      // Cheap password hashes keep sign-ups quick; hashing cost has its own tests.
      PASSWORD_HASH_LOG2_N: '12',
      ...options.env,
    },
  });
  running.add(child);

  let output = '';
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    signalGroup(child, 'SIGTERM');
    if (!(await waitForGroupExit(child, 10_000))) {
      signalGroup(child, 'SIGKILL');
      await waitForGroupExit(child, 5_000);
    }
    running.delete(child);
    // The database may still be flushing files as the last process exits: retry briefly.
    await rm(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  };

  // Generous: on a loaded CI machine the first start (web build, migrations) can take a minute.
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(
        `The server exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${output}`,
      );
    }
    const healthy = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) }).then(
      (res) => res.status === 200,
      () => false,
    );
    if (healthy) return { url, dataDir, admin, ingestApiKey, rpcUrl, output: () => output, stop };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`The server did not answer GET /healthz with 200 within the timeout:\n${output}`);
}
