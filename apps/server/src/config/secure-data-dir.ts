import { chmod, mkdir } from 'node:fs/promises';

/**
 * The data dir holds password hashes, keys, secrets and emails: it and everything created in
 * it are the server user's alone. The umask covers files written by libraries (PGlite's own);
 * the chmod fixes a data dir an older version created world-readable.
 */
export async function secureDataDir(dataDir: string): Promise<void> {
  process.umask(0o077);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await chmod(dataDir, 0o700);
}
