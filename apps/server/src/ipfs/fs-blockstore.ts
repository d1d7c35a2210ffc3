import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CID } from 'multiformats/cid';
import { verifyBlock } from './verify-block.ts';
import { isErrnoCode } from '../errors/is-errno-code.ts';

export interface FsBlockstore {
  /**
   * Stores one block. Blocks are immutable and named by their hash, so a block already present
   * is replaced by the same bytes (atomically) rather than looked up first: one file operation
   * less per block.
   */
  put(cid: CID, bytes: Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>): Promise<CID>;
  /** The block's bytes, or undefined when absent or when the file no longer matches its hash. */
  read(cid: CID): Promise<Uint8Array | undefined>;
  has(cid: CID): Promise<boolean>;
}

/**
 * A blockstore of one file per block under `dir`, sharded by two characters of the CID like
 * Kubo's flatfs. Each block is written to a temp file, synced, then renamed into place, so a
 * crash leaves either the whole block or nothing under its name.
 */
export function createFsBlockstore(dir: string): FsBlockstore {
  // Shard directories made by this process: each costs a file operation per block otherwise.
  const made = new Set<string>();
  const pathOf = (cid: CID) => {
    const key = cid.toV1().toString();
    return { shard: join(dir, key.slice(-3, -1)), file: join(dir, key.slice(-3, -1), key) };
  };

  return {
    async put(cid, input) {
      const { shard, file } = pathOf(cid);
      const bytes = input instanceof Uint8Array ? input : await collect(input);
      if (!made.has(shard)) {
        await mkdir(shard, { recursive: true });
        made.add(shard);
      }
      const tmp = join(shard, `.tmp-${randomBytes(8).toString('hex')}`);
      const handle = await open(tmp, 'wx');
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, file).catch(async (e: unknown) => {
        await rm(tmp, { force: true });
        throw e;
      });
      return cid;
    },
    async read(cid) {
      const bytes = await readFile(pathOf(cid).file).catch((e: unknown) => {
        if (isErrnoCode(e, 'ENOENT')) return undefined;
        throw e;
      });
      if (bytes === undefined) return undefined;
      // A block damaged on disk is as good as missing: the caller falls back to a provider.
      return verifyBlock(cid, bytes) ? new Uint8Array(bytes) : undefined;
    },
    has: (cid) => exists(pathOf(cid).file),
  };
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

async function collect(input: Iterable<Uint8Array> | AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const part of input) parts.push(part);
  return Buffer.concat(parts);
}
