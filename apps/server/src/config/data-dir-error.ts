import { relative, isAbsolute, resolve } from 'node:path';
import { AppError, isAppError } from '../errors/app-error.ts';

const causes: Record<string, string> = {
  EACCES: 'is not writable',
  EPERM: 'is not writable',
  EROFS: 'is on a read-only file system',
  ENOTDIR: 'is not a directory (it, or a folder on its path, is a file)',
  EEXIST: 'is a file, not a directory',
  EISDIR: 'holds a folder where a file belongs',
  ENOSPC: 'has no space left',
  EDQUOT: 'is over its disk quota',
  ENOENT: 'does not exist',
  ENAMETOOLONG: 'is too long a path',
  ELOOP: 'has a symbolic link loop on its path',
};

/**
 * A file-system error met in the data dir, as a `CONFIG__DATA_DIR` error whose message is one line: `DATA_DIR=./data is not writable:
 * EACCES (open ./data/secrets.json)`. Undefined for anything else, which keeps its own report.
 */
export function toDataDirError(e: unknown, dataDir: string): AppError<'CONFIG__DATA_DIR'> | undefined {
  if (isAppError(e, 'CONFIG__DATA_DIR')) return e;
  const err = e as NodeJS.ErrnoException | undefined;
  if (!err || typeof err.code !== 'string' || !/^E[A-Z]+$/.test(err.code)) return undefined;
  // Only an error about a file: a connection refused or a port in use is not the data dir's fault.
  if (typeof err.path !== 'string')
    return fileCalls.has(err.syscall ?? '') ? describeProblem(err, dataDir) : undefined;
  // A path inside the data dir, or one of its parents; anything else is not the data dir's fault.
  const inside = relative(resolve(dataDir), resolve(err.path));
  const parent = relative(resolve(err.path), resolve(dataDir));
  const related = !inside.startsWith('..') || (!parent.startsWith('..') && !isAbsolute(parent));
  return related ? describeProblem(err, dataDir) : undefined;
}

/** What fs/promises reports without a path (a read of a folder: EISDIR, `read`). */
const fileCalls = new Set(['read', 'write', 'open', 'fsync', 'close', 'mkdir', 'unlink', 'rename', 'link']);

function describeProblem(err: NodeJS.ErrnoException, dataDir: string): AppError<'CONFIG__DATA_DIR'> {
  const what = err.syscall ? ` (${err.syscall}${err.path ? ` ${err.path}` : ''})` : '';
  return new AppError(
    'CONFIG__DATA_DIR',
    { dataDir, errno: err.code },
    {
      message: `DATA_DIR=${dataDir} ${(err.code && causes[err.code]) ?? 'is not usable'}: ${err.code ?? 'unknown'}${what}`,
      cause: err,
    },
  );
}
