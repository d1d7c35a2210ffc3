import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitForRedis } from './redis-server.ts';
import { freePort } from '../../apps/server/src/test-support/free-port.ts';

export interface PersistentRedis {
  url: string;
  /** Starts (again) on the same port from whatever its data folder holds. */
  start(): Promise<void>;
  /** Kills it (SIGKILL): every write it acknowledged is already on disk (fsync always). */
  stop(): Promise<void>;
  /** Copies the data folder (a backup); `restore` puts such a copy back while stopped. */
  backup(): Promise<string>;
  restore(backup: string): Promise<void>;
  /** Stops it and deletes its data and backups. */
  remove(): Promise<void>;
}

/**
 * A private redis-server with an append-only file (fsync on every write), for tests of a
 * Redis that comes back with old data: restarted, or restored from a backup.
 */
export async function startPersistentRedis(): Promise<PersistentRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const root = await mkdtemp(join(tmpdir(), 'insignia-redis-aof-'));
  const dataDir = join(root, 'data');
  let backups = 0;
  let child: ChildProcess | undefined;
  const server: PersistentRedis = {
    url,
    async start() {
      if (child) return;
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dataDir, '--save', ''];
      child = spawn('redis-server', [...args, '--appendonly', 'yes', '--appendfsync', 'always'], {
        stdio: 'ignore',
      });
      await waitForRedis(url);
    },
    async stop() {
      const c = child;
      child = undefined;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGKILL');
      await exited;
    },
    async backup() {
      const copy = join(root, `backup-${++backups}`);
      await cp(dataDir, copy, { recursive: true });
      return copy;
    },
    async restore(backup) {
      if (child) throw new Error('stop Redis before restoring its data');
      await rm(dataDir, { recursive: true, force: true });
      await cp(backup, dataDir, { recursive: true });
    },
    async remove() {
      await server.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
  await mkdir(dataDir, { recursive: true });
  await server.start();
  return server;
}
