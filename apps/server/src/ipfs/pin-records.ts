import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isErrnoCode } from '../errors/is-errno-code.ts';

/** What we know about one stored payload: which remote providers have pinned it. */
export interface PinRecord {
  cid: string;
  size: number;
  contentHash: string;
  fileName?: string;
  /** The media type recorded at upload; records older than this field have none. */
  contentType?: string;
  /** Names of the providers that confirmed the pin; empty means only the local copy exists. */
  providers: string[];
  createdAt: string;
  updatedAt: string;
}

export interface PinRecords {
  read(cid: string): Promise<PinRecord | undefined>;
  write(record: PinRecord): Promise<void>;
  /** Records with no remote pin yet: what a re-pin sweep has to push. */
  listUnpinned(limit: number): Promise<PinRecord[]>;
}

/** One small JSON file per payload under `dir`, replaced atomically (temp file + rename). */
export function createPinRecords(dir: string): PinRecords {
  const fileOf = (cid: string) => join(dir, `${cid}.json`);
  // Made once per process, not once per record.
  let made: Promise<unknown> | undefined;
  const read = async (cid: string) => {
    const text = await readFile(fileOf(cid), 'utf8').catch((e: unknown) => {
      if (isErrnoCode(e, 'ENOENT')) return undefined;
      throw e;
    });
    return text === undefined ? undefined : (JSON.parse(text) as PinRecord);
  };
  return {
    read,
    async write(record) {
      made ??= mkdir(dir, { recursive: true }).catch((e: unknown) => {
        made = undefined;
        throw e;
      });
      await made;
      const tmp = join(dir, `.tmp-${randomBytes(8).toString('hex')}`);
      await writeFile(tmp, JSON.stringify(record));
      await rename(tmp, fileOf(record.cid));
    },
    async listUnpinned(limit) {
      const names = await readdir(dir).catch(() => [] as string[]);
      const out: PinRecord[] = [];
      for (const name of names) {
        if (out.length >= limit) break;
        if (!name.endsWith('.json')) continue;
        const record = await read(name.slice(0, -'.json'.length)).catch(() => undefined);
        if (record && record.providers.length === 0) out.push(record);
      }
      return out;
    },
  };
}
