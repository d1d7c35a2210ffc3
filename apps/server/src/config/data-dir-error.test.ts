import { describe, expect, it } from 'vitest';
import { toDataDirError } from './data-dir-error.ts';

const fsError = (code: string, syscall: string, path?: string) =>
  Object.assign(new Error(`${code}: failed`), { code, syscall, ...(path ? { path } : {}) });

describe('toDataDirError', () => {
  it('names the setting and the cause in one line, for the dir, a file in it or a parent of it', () => {
    expect(toDataDirError(fsError('ENOSPC', 'write', 'data/pg/base/1'), 'data')?.message).toBe(
      'DATA_DIR=data has no space left: ENOSPC (write data/pg/base/1)',
    );
    expect(toDataDirError(fsError('EROFS', 'mkdir', '/srv/x'), '/srv/x/data')?.message).toBe(
      'DATA_DIR=/srv/x/data is on a read-only file system: EROFS (mkdir /srv/x)',
    );
    expect(toDataDirError(fsError('EISDIR', 'read'), 'data')?.message).toBe(
      'DATA_DIR=data holds a folder where a file belongs: EISDIR (read)',
    );
  });

  it('leaves errors that are not about the data dir to their own report', () => {
    expect(toDataDirError(fsError('ECONNREFUSED', 'connect'), 'data')).toBeUndefined();
    expect(toDataDirError(fsError('EACCES', 'listen'), 'data')).toBeUndefined();
    expect(toDataDirError(fsError('ENOENT', 'open', '/elsewhere/file.csv'), '/srv/data')).toBeUndefined();
    expect(toDataDirError(new Error('plain'), 'data')).toBeUndefined();
  });
});
