import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from '../../apps/server/src/test-support/free-port.ts';

export interface RedisServer {
  url: string;
  /** Starts (again) on the same port, empty (no persistence, like a restarted cache). */
  start(): Promise<void>;
  /** Kills it: connections are refused until `start`. */
  stop(): Promise<void>;
  /** Freezes it (SIGSTOP): connections stay open but nothing answers, as in a network partition. */
  pause(): void;
  resume(): void;
}

/** A private redis-server for tests that take Redis away on purpose (the shared one stays up). */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const server: RedisServer = {
    url,
    async start() {
      if (child) return;
      child = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: 'ignore' },
      );
      await waitForRedis(url);
    },
    async stop() {
      const c = child;
      child = undefined;
      if (!c || c.exitCode !== null) return;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGCONT');
      c.kill('SIGKILL');
      await exited;
    },
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
  };
  await server.start();
  return server;
}

/** Waits (up to ~5 s) until a Redis just spawned at `url` accepts connections. */
export async function waitForRedis(url: string): Promise<void> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  for (let i = 0; i < 100; i++) {
    const up = await probe.connect().then(
      () => true,
      () => false,
    );
    if (up) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  probe.disconnect();
}
