import fs from 'node:fs';
import path from 'node:path';

const LOCK_FILE = 'LOCK';
const HEARTBEAT_MS = 2000;
const STALE_MS = 10_000;
/** Directories locked by this process (its own pid in a LOCK file says nothing about them). */
const lockedHere = new Set<string>();

/**
 * One writer per chain directory: `LOCK` holds the owner's pid and is touched every 2 s. A lock
 * whose pid is dead, or that went untouched for 10 s, is stale and taken over, so a kill -9
 * never blocks the next start for long.
 */
export class DirectoryLock {
  private constructor(
    private readonly dir: string,
    private readonly heartbeat: NodeJS.Timeout,
  ) {}

  /** Locks `dir`; throws if another live validator holds it. */
  static acquire(dir: string): DirectoryLock {
    const key = path.resolve(dir);
    if (lockedHere.has(key)) throw new Error(`${dir} is in use by another local validator in this process`);
    const lockPath = path.join(dir, LOCK_FILE);
    takeLock(lockPath);
    lockedHere.add(key);
    const heartbeat = setInterval(() => touch(lockPath), HEARTBEAT_MS);
    heartbeat.unref();
    return new DirectoryLock(dir, heartbeat);
  }

  /** Releases the lock (idempotent). */
  release(): void {
    clearInterval(this.heartbeat);
    if (lockedHere.delete(path.resolve(this.dir))) fs.rmSync(path.join(this.dir, LOCK_FILE), { force: true });
  }
}

function takeLock(lockPath: string): void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(fs.readFileSync(lockPath, 'utf8'));
    const fresh = Date.now() - fs.statSync(lockPath).mtimeMs < STALE_MS;
    // Our own pid in the file is a previous incarnation (containers reuse pids across restarts).
    if (fresh && Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
      throw new Error(`${path.dirname(lockPath)} is in use by another local validator (pid ${holder})`);
    }
    fs.rmSync(lockPath, { force: true });
  }
  throw new Error(`could not lock ${path.dirname(lockPath)}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function touch(file: string): void {
  try {
    const now = new Date();
    fs.utimesSync(file, now, now);
  } catch {
    // The directory may be going away (tests); the next start then simply finds no lock.
  }
}
