import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import { isListeningMessage } from './listening-message.ts';
import { CRASH_WINDOW_MS, restartDelayMs } from './restart-delay.ts';

/** After the drain, a worker's own bounded close steps and exit get this long before SIGKILL. */
const EXIT_GRACE_MS = 10_000;

/** The primary's server processes, forked with cluster so they share one listening port. */
export interface WorkerPool {
  /** Resolves with the port once every process listens; rejects if one exits first. */
  listening: Promise<number>;
  /** SIGTERM to each process (each drains and closes itself), waits for all to exit. */
  stop(drainMs: number): Promise<void>;
}

/**
 * Forks `processes` workers with `env` added to theirs. A worker that dies after start-up is
 * replaced, after a delay that grows in a crash loop (restart-delay.ts); one that dies during
 * start-up fails the start (its own output says why), since its siblings would fail alike.
 */
export function startWorkerPool(options: {
  processes: number;
  env: Record<string, string>;
  /** Node flags of every forked process (see serverExecArgv). */
  execArgv: string[];
  logger: Logger;
}): WorkerPool {
  const { processes, logger } = options;
  let port: number | undefined;
  let ready = false;
  let stopping = false;
  let listened = 0;
  let crashes: number[] = [];
  const restarts = new Set<NodeJS.Timeout>();
  let settle!: { resolve: (port: number) => void; reject: (e: Error) => void };
  const listening = new Promise<number>((resolve, reject) => (settle = { resolve, reject }));

  const fork = () => {
    // Every process asks for the same PORT, so the primary hands them one shared socket (with
    // PORT=0 too: a chosen port would be a second socket, and refused as in use).
    const worker = cluster.fork(options.env);
    worker.on('message', (m: unknown) => {
      if (!isListeningMessage(m)) return;
      port ??= m.port;
      const serverPid = worker.process.pid;
      // Only if every process had died at once could PORT=0 pick another port.
      if (ready && m.port !== port)
        logger.warn({ serverPid, port: m.port }, 'replacement listens on another port');
      else if (ready) logger.info({ serverPid }, 'replacement server process listening');
      else if (++listened === processes) {
        ready = true;
        settle.resolve(port);
      }
    });
    worker.once('exit', (code, signal) => onExit(worker, code, signal));
  };

  const onExit = (worker: Worker, code: number | null, signal: string | null) => {
    if (stopping) return;
    const serverPid = worker.process.pid;
    if (!ready) {
      stopping = true;
      for (const other of liveWorkers()) other.process.kill('SIGTERM');
      settle.reject(
        new Error(`server process ${serverPid} exited while starting (code ${code}, signal ${signal})`),
      );
      return;
    }
    const now = Date.now();
    crashes = [...crashes.filter((at) => at > now - CRASH_WINDOW_MS), now];
    const delayMs = restartDelayMs(crashes.length);
    logger.warn(
      { serverPid, code, signal, restartInMs: delayMs },
      'a server process exited unexpectedly; starting another',
    );
    const timer = setTimeout(() => {
      restarts.delete(timer);
      if (!stopping) fork();
    }, delayMs);
    restarts.add(timer);
  };

  cluster.setupPrimary({ execArgv: options.execArgv });
  for (let i = 0; i < processes; i++) fork();

  return {
    listening,
    async stop(drainMs) {
      stopping = true;
      for (const timer of restarts) clearTimeout(timer);
      const workers = liveWorkers();
      const exits = Promise.all(workers.map(exited));
      for (const worker of workers) worker.process.kill('SIGTERM');
      const timeout = new Promise<'timeout'>((r) =>
        setTimeout(() => r('timeout'), drainMs + EXIT_GRACE_MS).unref(),
      );
      if ((await Promise.race([exits, timeout])) === 'timeout') {
        logger.warn('server processes still running after the drain: killing them');
        for (const worker of liveWorkers()) worker.process.kill('SIGKILL');
        await exits;
      }
    },
  };
}

const liveWorkers = (): Worker[] =>
  Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());

const exited = (worker: Worker) =>
  new Promise<void>((resolve) => {
    if (worker.isDead()) resolve();
    else worker.once('exit', () => resolve());
  });
