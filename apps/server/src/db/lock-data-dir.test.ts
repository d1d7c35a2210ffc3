import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAppError } from '../errors/app-error.ts';
import { lockDataDir } from './lock-data-dir.ts';

describe('lockDataDir', () => {
  const dirs: string[] = [];
  const newDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'insignia-lock-'));
    dirs.push(dir);
    return dir;
  };
  const lockFile = (dir: string) => join(dir, '.insignia.lock');
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('refuses a second opener in the same process, and frees the dir on release', async () => {
    const dir = await newDir();
    const lock = await lockDataDir(dir, 'The test dir');
    expect(JSON.parse(await readFile(lockFile(dir), 'utf8'))).toMatchObject({ pid: process.pid });
    const second = await lockDataDir(dir, 'The test dir').catch((e: unknown) => e);
    expect(isAppError(second, 'CONFIG__DATA_DIR')).toBe(true);
    expect((second as Error).message).toMatch(/^The test dir is in use by process \d+ on /);
    lock.release();
    await expect(readFile(lockFile(dir))).rejects.toThrow();
    (await lockDataDir(dir, 'The test dir')).release();
  });

  it('refuses while the recorded process runs, and takes over when it is gone or its pid was reused', async () => {
    const dir = await newDir();
    // The parent of this test runner is alive, with the start time it had.
    const stat = (await readFile(`/proc/${process.ppid}/stat`, 'utf8').catch(() => '')).split(') ')[1];
    const live = { pid: process.ppid, host: hostname(), started: stat?.split(' ')[19] ?? null };
    await writeFile(lockFile(dir), JSON.stringify(live));
    await expect(lockDataDir(dir, 'The test dir')).rejects.toThrow(`in use by process ${process.ppid}`);

    await writeFile(lockFile(dir), JSON.stringify({ ...live, started: 'another start' }));
    if (live.started !== null) (await lockDataDir(dir, 'The test dir')).release();

    await writeFile(lockFile(dir), JSON.stringify({ pid: 2 ** 22 + 1, host: hostname(), started: '1' }));
    (await lockDataDir(dir, 'The test dir')).release();

    await writeFile(lockFile(dir), 'garbage');
    (await lockDataDir(dir, 'The test dir')).release();
  });

  it('never takes over a lock held from another host', async () => {
    const dir = await newDir();
    await writeFile(lockFile(dir), JSON.stringify({ pid: 1, host: 'elsewhere', started: '1' }));
    await expect(lockDataDir(dir, 'The test dir')).rejects.toThrow('in use by process 1 on elsewhere');
  });
});
