import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../errors/app-error.ts';

/** Who holds the lock. `started` tells a live process from a later one that reuses its pid. */
interface LockOwner {
  pid: number;
  started: string | null;
  host: string;
}

/** Lock files this process holds, so that opening the same dir twice in one process fails too. */
const held = new Set<string>();

/** Fields 3… of Linux `/proc/<pid>/stat` (state, ppid, …), or undefined elsewhere or when gone. */
function procStat(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After the command name, which is in parentheses and may itself contain them.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** The start time of a process (field 22, clock ticks after boot), or null where unknown. */
function processStartTime(pid: number): string | null {
  return procStat(pid)?.[19] ?? null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A zombie (killed, not yet reaped by its parent) holds nothing open any more.
  return procStat(pid)?.[0] !== 'Z';
}

/** Could the recorded owner still be running? A dead pid, or one reused by another process, is not. */
function ownerRunning(owner: LockOwner, file: string): boolean {
  // Another host sharing this disk: its processes cannot be seen from here.
  if (owner.host !== hostname()) return true;
  if (owner.pid === process.pid) return held.has(file);
  if (!isAlive(owner.pid)) return false;
  const started = processStartTime(owner.pid);
  return owner.started === null || started === null || started === owner.started;
}

function readOwner(text: string): LockOwner | undefined {
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    return typeof o.pid === 'number' && typeof o.host === 'string'
      ? { pid: o.pid, host: o.host, started: o.started ?? null }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes `<dir>/.insignia.lock` for this process, so that an embedded database folder is never
 * opened by two processes at once (a CLI next to the running server would corrupt it). The
 * file is written whole and then linked into place, so nobody ever reads a half-written one. A
 * lock left by a process that died (kill -9, power cut) is taken over. Released by `release()`
 * and, failing that, when this process exits.
 */
export async function lockDataDir(dir: string, label: string): Promise<{ release(): void }> {
  const file = join(dir, '.insignia.lock');
  const me: LockOwner = { pid: process.pid, started: processStartTime(process.pid), host: hostname() };
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(draft, `${JSON.stringify(me)}\n`, { mode: 0o600 });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await link(draft, file);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 3) throw e;
      }
      const text = await readFile(file, 'utf8').catch(() => '');
      const owner = readOwner(text);
      if (owner && ownerRunning(owner, file)) {
        throw new AppError(
          'CONFIG__DATA_DIR',
          { dataDir: dir },
          {
            message: `${label} is in use by process ${owner.pid} on ${owner.host}: stop it first (the embedded database allows one process at a time; use DATABASE_URL to share one). If no such process runs, remove ${file}`,
          },
        );
      }
      // Stale: remove it unless someone replaced it meanwhile, then try again.
      if ((await readFile(file, 'utf8').catch(() => '')) === text) await unlink(file).catch(() => {});
    }
  } finally {
    await unlink(draft).catch(() => {});
  }
  held.add(file);
  const release = () => {
    if (!held.delete(file)) return;
    process.off('exit', release);
    try {
      if (readOwner(readFileSync(file, 'utf8'))?.pid === process.pid) unlinkSync(file);
    } catch {
      // Already gone.
    }
  };
  process.on('exit', release);
  return { release };
}
