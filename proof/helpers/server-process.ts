import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerProcess {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  /** JSON-RPC URL of the bundled local validator (embedded mode), from the banner. */
  rpcUrl: string | undefined;
  pid: number;
  /** Everything printed so far (stdout and stderr, interleaved). */
  output(): string;
  /** Resolves when the process has exited, with its exit code or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM (graceful: the server closes its database and writes the chain snapshot). */
  stop(): Promise<void>;
  /** SIGKILL now, as a power cut would. */
  kill(): Promise<void>;
}

/** The server stopped before it was ready (a refused start); its exit status and output. */
export class ServerExitedError extends Error {
  constructor(
    readonly exit: { code: number | null; signal: NodeJS.Signals | null },
    readonly output: string,
  ) {
    super(`the server exited before it was ready:\n${output.slice(-5_000)}`);
    this.name = 'ServerExitedError';
  }
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Settings that must come from the test, never from the environment the tests run in. */
const inheritedButNotWanted = [
  'DATABASE_URL',
  'REDIS_URL',
  'SOLANA_RPC_URLS',
  'SMTP_URL',
  'IPFS_API_URL',
  'KAFKA_BROKERS',
  'INSIGNIA_CRASH_AT',
];

/**
 * Starts the real server (`apps/server/src/main.ts`, one node process, so a signal reaches the
 * server itself) on free ports with `dataDir`, and resolves once its startup banner is out.
 * The data dir is the caller's: starting again on it resumes from what the last run left.
 */
export async function startServerProcess(options: {
  dataDir: string;
  /** Added to the server's environment; a name given as undefined is left unset. */
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  /** Characters of output kept (default 200 000); the security suite keeps everything. */
  keepOutput?: number;
  /** Extra node flags, e.g. `--cpu-prof` to profile the server under a benchmark. */
  nodeArgs?: string[];
}): Promise<ServerProcess> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !inheritedButNotWanted.includes(name)),
  );
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), '--import', 'tsx', 'apps/server/src/main.ts'],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...env,
        HOST: '127.0.0.1',
        PORT: '0',
        SOLANA_LOCAL_PORT: '0',
        DATA_DIR: options.dataDir,
        LOG_LEVEL: 'warn',
        // Cheap password hashes: these servers register many people; no test here is about hashing.
        PASSWORD_HASH_LOG2_N: '12',
        // One process, so `pid` is the server's and a crash point ends it, whatever the core
        // count; a test of several passes PROCESSES (undefined: the server's own default).
        PROCESSES: '1',
        ...options.env,
      },
    },
  );
  running.add(child);
  const keep = options.keepOutput ?? 200_000;
  let output = '';
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > keep) output = output.slice(-keep);
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  // Node sets these before it emits 'exit'.
  const alive = () => child.exitCode === null && child.signalCode === null;

  const signal = async (name: NodeJS.Signals, waitMs: number) => {
    if (!alive()) return;
    child.kill(name);
    const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), waitMs).unref());
    if ((await Promise.race([exited, timer])) === 'timeout') {
      child.kill('SIGKILL');
      await exited;
    }
  };

  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  while (Date.now() < deadline) {
    const open = /^\s+Open\s+http:\/\/[^:\s]+:(\d+)/m.exec(output);
    if (open) {
      const rpc = /local validator at (http:\/\/[\d.]+:\d+)/.exec(output);
      return {
        url: `http://127.0.0.1:${open[1]}`,
        rpcUrl: rpc?.[1],
        pid: child.pid!,
        output: () => output,
        exited,
        stop: () => signal('SIGTERM', 20_000),
        kill: () => signal('SIGKILL', 5_000),
      };
    }
    if (!alive()) throw new ServerExitedError({ code: child.exitCode, signal: child.signalCode }, output);
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not start in time:\n${output.slice(-5_000)}`);
}
