import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CID } from 'multiformats/cid';
import { isErrnoCode } from '../errors/is-errno-code.ts';
import type { PinRecord } from './pin-records.ts';
import { verifyBlock } from './verify-block.ts';

/** A small payload stored in a pack: its single raw block and its pin record. */
export interface PackedPayload {
  cid: string;
  bytes: Uint8Array;
  record: PinRecord;
}

export interface PayloadPacks {
  /**
   * Stores many single-block payloads, block and pin record together, in one new file that is
   * synced once and then published by a rename: after a crash the whole pack is there or none of
   * it, so no record ever names a block that is missing.
   */
  write(payloads: readonly PackedPayload[]): Promise<void>;
  /** The block's bytes, or undefined when no pack holds it (or its bytes no longer match). */
  read(cid: CID): Promise<Uint8Array | undefined>;
  /** The pin record stored with the block, if a pack holds it. */
  record(cid: string): Promise<PinRecord | undefined>;
  /**
   * Pack records that named no remote provider when they were written and that `stillUnpinned`
   * (asked about each in turn) says still need one, up to `limit`.
   */
  unpinned(limit: number, stillUnpinned: (cid: string) => Promise<boolean>): Promise<PinRecord[]>;
}

const MAGIC = Buffer.from('IPFSPACK1\n');
const RESCAN_AFTER_MS = 1_000;
/** [cid, block offset, block length, record offset, record length, pinned (1) or not (0)] */
type Entry = [string, number, number, number, number, 0 | 1];
interface Location {
  file: string;
  blockAt: number;
  blockLength: number;
  recordAt: number;
  recordLength: number;
  pinned: boolean;
}

/**
 * Packs of payloads under `dir`, for batches (an issuance pass uploads a thousand payloads): one
 * file and one fsync per batch instead of two files and a sync per payload, which bounded how
 * fast a batch could upload. A pack is a magic line, a 4-byte header length, the header (JSON:
 * one entry per payload) and the blocks and records. Packs are found by listing `dir`: where a
 * payload is is kept in memory (a couple of hundred bytes per payload), and a payload this process
 * does not know sends it to look for packs other processes wrote since.
 */
export function createPayloadPacks(dir: string): PayloadPacks {
  const where = new Map<string, Location>();
  const loaded = new Set<string>();
  let made: Promise<unknown> | undefined;
  let scanning: Promise<void> | undefined;

  const index = (file: string, entries: readonly Entry[]) => {
    for (const [cid, blockAt, blockLength, recordAt, recordLength, pinned] of entries)
      where.set(cid, { file, blockAt, blockLength, recordAt, recordLength, pinned: pinned === 1 });
    loaded.add(file);
  };

  /** Reads the headers of packs not indexed yet; one scan at a time. */
  const scan = () =>
    (scanning ??= (async () => {
      try {
        const names = await readdir(dir).catch((e: unknown) => {
          if (isErrnoCode(e, 'ENOENT')) return [] as string[];
          throw e;
        });
        // Another process's pack still being written is a `.tmp-` file: renamed (or gone) any
        // moment, and not yet a pack.
        for (const name of names)
          if (isPack(name) && !loaded.has(name)) index(name, await readHeader(join(dir, name)));
      } finally {
        scanning = undefined;
      }
    })());

  // Anyone may ask the gateway for any CID: a payload no pack holds costs a stat of the folder,
  // and a listing only when a pack arrived since (a rename changes the folder's mtime) or, for
  // a rename in the same clock tick as the last listing, once the last is a second old.
  let scanned = { mtimeMs: Number.NaN, at: -Infinity };
  const locate = async (cid: string) => {
    const known = where.get(cid);
    if (known) return known;
    const mtimeMs = await stat(dir).then(
      (s) => s.mtimeMs,
      () => Number.NaN,
    );
    if (mtimeMs === scanned.mtimeMs && performance.now() - scanned.at < RESCAN_AFTER_MS) return undefined;
    scanned = { mtimeMs, at: performance.now() };
    await scan();
    return where.get(cid);
  };

  const readAt = async (file: string, offset: number, length: number) => {
    const handle = await open(join(dir, file), 'r');
    try {
      const bytes = Buffer.alloc(length);
      const { bytesRead } = await handle.read(bytes, 0, length, offset);
      return bytesRead === length ? bytes : undefined;
    } finally {
      await handle.close();
    }
  };

  const record = async (cid: string) => {
    const found = await locate(cid);
    if (!found) return undefined;
    const bytes = await readAt(found.file, found.recordAt, found.recordLength);
    try {
      return bytes && (JSON.parse(bytes.toString('utf8')) as PinRecord);
    } catch {
      return undefined; // damaged on disk: as if there were no record
    }
  };

  return {
    record,
    async write(payloads) {
      if (payloads.length === 0) return;
      const entries: Entry[] = [];
      const parts: Uint8Array[] = [];
      let at = 0;
      for (const { cid, bytes, record } of payloads) {
        const json = Buffer.from(JSON.stringify(record), 'utf8');
        entries.push([
          cid,
          at,
          bytes.length,
          at + bytes.length,
          json.length,
          record.providers.length > 0 ? 1 : 0,
        ]);
        parts.push(bytes, json);
        at += bytes.length + json.length;
      }
      const header = Buffer.from(JSON.stringify(entries), 'utf8');
      const start = MAGIC.length + 4 + header.length;
      const length = Buffer.alloc(4);
      length.writeUInt32BE(header.length);
      made ??= mkdir(dir, { recursive: true }).catch((e: unknown) => {
        made = undefined;
        throw e;
      });
      await made;
      const name = `${Date.now().toString(36)}-${randomBytes(8).toString('hex')}.pack`;
      const tmp = join(dir, `.tmp-${name}`);
      const handle = await open(tmp, 'wx');
      try {
        await handle.writeFile(Buffer.concat([MAGIC, length, header, ...parts]));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, join(dir, name)).catch(async (e: unknown) => {
        await rm(tmp, { force: true });
        throw e;
      });
      // The rename itself must survive a crash: callers record the CIDs as stored next.
      const folder = await open(dir, 'r');
      try {
        await folder.sync();
      } finally {
        await folder.close();
      }
      index(
        name,
        entries.map(([cid, b, bl, r, rl, p]) => [cid, b + start, bl, r + start, rl, p]),
      );
    },
    async read(cid) {
      const found = await locate(cid.toV1().toString());
      if (!found) return undefined;
      const bytes = await readAt(found.file, found.blockAt, found.blockLength);
      // Damaged on disk is as good as missing: the caller falls back to a provider.
      return bytes && verifyBlock(cid, bytes) ? new Uint8Array(bytes) : undefined;
    },
    async unpinned(limit, stillUnpinned) {
      await scan();
      const out: PinRecord[] = [];
      for (const [cid, found] of where) {
        if (out.length >= limit) break;
        if (found.pinned || !(await stillUnpinned(cid))) continue;
        const stored = await record(cid);
        if (stored) out.push(stored);
      }
      return out;
    },
  };
}

const isPack = (name: string) => name.endsWith('.pack') && !name.startsWith('.');

/**
 * A pack's entries, offsets made absolute. Packs are published whole, so a file that does not
 * read as one was damaged on disk: it holds nothing, as a damaged block file does.
 */
async function readHeader(file: string): Promise<Entry[]> {
  const handle = await open(file, 'r').catch((e: unknown) => {
    if (isErrnoCode(e, 'ENOENT')) return undefined; // removed since the listing
    throw e;
  });
  if (!handle) return [];
  try {
    const head = Buffer.alloc(MAGIC.length + 4);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    if (bytesRead < head.length || !head.subarray(0, MAGIC.length).equals(MAGIC)) return [];
    const length = head.readUInt32BE(MAGIC.length);
    const header = Buffer.alloc(length);
    if ((await handle.read(header, 0, length, head.length)).bytesRead < length) return [];
    const start = head.length + length;
    const entries = parseEntries(header.toString('utf8'));
    return entries.map(([cid, b, bl, r, rl, p]) => [cid, b + start, bl, r + start, rl, p]);
  } finally {
    await handle.close();
  }
}

function parseEntries(text: string): Entry[] {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? (parsed as Entry[]) : [];
  } catch {
    return [];
  }
}
