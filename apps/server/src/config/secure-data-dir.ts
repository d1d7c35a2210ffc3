import { chmod, mkdir, open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { toDataDirError } from './data-dir-error.ts';

/**
 * The data dir holds password hashes, keys, secrets and emails: it and everything created in
 * it are the server user's alone. The umask covers files written by libraries (PGlite's own);
 * the chmod fixes a data dir an older version created world-readable. A dir that cannot be
 * created or written (a file on its path, read-only, full) throws a `CONFIG__DATA_DIR` error with a one-line message.
 */
export async function secureDataDir(dataDir: string): Promise<void> {
  process.umask(0o077);
  try {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    await chmod(dataDir, 0o700);
    // Writable for real (root passes permission checks; a read-only or full disk does not).
    const probe = join(dataDir, `.write-test-${process.pid}`);
    const file = await open(probe, 'wx', 0o600);
    try {
      await file.write('ok');
      await file.sync();
    } finally {
      await file.close();
      await unlink(probe);
    }
  } catch (e) {
    throw toDataDirError(e, dataDir) ?? e;
  }
}
