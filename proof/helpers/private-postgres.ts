import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '../../apps/server/src/test-support/free-port.ts';

const run = promisify(execFile);

/** The directory holding `initdb` and `pg_ctl` (the newest installed PostgreSQL), if any. */
export function findPostgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const dirs = [...versions.map((v) => join(root, v, 'bin')), ...(process.env.PATH ?? '').split(':')];
  return dirs.find((d) => existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl')));
}

/** PostgreSQL refuses to run as root: as root, run its tools as the `postgres` system user. */
async function asServerUser(bin: string, args: string[]): Promise<void> {
  const root = process.getuid?.() === 0;
  await run(root ? 'runuser' : bin, root ? ['-u', 'postgres', '--', bin, ...args] : args, {
    timeout: 60_000,
  });
}

export interface PrivatePostgres {
  /** A database on it, for the app. */
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** SIGSTOP to the postmaster and every backend: a frozen host, or a network partition. */
  pause(): Promise<void>;
  /** SIGCONT to the same processes. */
  resume(): Promise<void>;
  destroy(): Promise<void>;
}

/** The postmaster (first line of `postmaster.pid`) and its children, postmaster first. */
async function clusterPids(data: string): Promise<number[]> {
  const postmaster = Number((await readFile(join(data, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  const { stdout } = await run('ps', ['-o', 'pid=', '--ppid', String(postmaster)]).catch(() => ({
    stdout: '',
  }));
  return [postmaster, ...stdout.split(/\s+/).filter(Boolean).map(Number)];
}

/**
 * A PostgreSQL cluster of its own, in a temp dir on a free port, that a test may stop and start
 * mid-flow. Never the machine's shared server. Needs the initdb/pg_ctl binaries.
 */
export async function startPrivatePostgres(bin: string): Promise<PrivatePostgres> {
  const dir = await mkdtemp(join(tmpdir(), 'insignia-pg-'));
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = join(dir, 'data');
  const port = await freePort();
  await asServerUser(join(bin, 'initdb'), [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '--no-sync',
    '-E',
    'UTF8',
  ]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  const cluster: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/proof`,
    start: () =>
      asServerUser(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'log'), '-o', options, '-w', 'start']),
    stop: () => asServerUser(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']),
    async pause() {
      // The postmaster first, so that it forks no new backend while the others are stopped.
      for (const pid of await clusterPids(data)) process.kill(pid, 'SIGSTOP');
    },
    async resume() {
      for (const pid of (await clusterPids(data)).reverse()) process.kill(pid, 'SIGCONT');
    },
    async destroy() {
      await cluster.resume().catch(() => undefined);
      await cluster.stop().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
  await cluster.start();
  const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query('create database proof');
  await admin.end();
  return cluster;
}
