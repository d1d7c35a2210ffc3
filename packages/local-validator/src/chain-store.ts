import fs from 'node:fs';
import path from 'node:path';
import type { StoredAccount } from './account-snapshot.ts';
import { DirectoryLock } from './directory-lock.ts';
import type { TransactionRecord } from './transaction-record.ts';

/*
 * On-disk format of a chain directory:
 *
 *   snapshot.bin  "INSGCHN1" (8 bytes) | u32 LE length N | N bytes of JSON { meta, lastSeq, transactions }
 *                 | LiteSVM.toBytes() to the end of the file.
 *                 Written to snapshot.bin.tmp, fsynced and renamed over the old file: always complete.
 *   LOCK          see DirectoryLock: one writer per directory.
 *   wal.jsonl     one JSON WalEntry per line for every change after the snapshot (the post-state of
 *                 the accounts a transaction wrote, plus its record). A torn last line (kill -9
 *                 mid-write) is ignored on load.
 *
 * Group commit: append() only writes (to the page cache, which a killed process does not lose);
 * whenDurable() fdatasyncs off the event loop, once for every entry appended before it started.
 * The servers hold every answer until it resolves, so nothing a client hears of can be lost to a
 * machine crash, and a burst of sends costs a few syncs instead of one each.
 *
 * On open the entries with seq > lastSeq are replayed over the snapshot, which is then rewritten and
 * the WAL truncated. Replaying sets account states (it does not re-execute), so it is deterministic.
 */

const MAGIC = Buffer.from('INSGCHN1');
const SNAPSHOT_FILE = 'snapshot.bin';
const WAL_FILE = 'wal.jsonl';

/** Chain-wide values fixed at genesis, plus the last slot known to have been reached and when. */
export interface ChainMeta {
  readonly version: 1;
  /** hex; seeds the blockhash and genesis hash derivation */
  readonly seed: string;
  /** hex; the faucet keypair's secret seed (a local test chain holds no real value) */
  readonly faucetSecret: string;
  readonly slot: number;
  readonly timeMs: number;
}

/** One logged change: a transaction that reached the ledger. */
export interface WalEntry {
  readonly seq: number;
  readonly slot: number;
  readonly timeMs: number;
  readonly record: TransactionRecord;
  readonly accounts: readonly StoredAccount[];
}

/** A complete copy of the chain state. */
export interface ChainSnapshot {
  readonly meta: ChainMeta;
  readonly lastSeq: number;
  readonly transactions: readonly TransactionRecord[];
  readonly svm: Uint8Array;
}

/** Snapshot + write-ahead log persistence for one chain directory. */
export class ChainStore {
  private walFd: number | null = null;
  private walCount = 0;
  /** Entries appended and entries known to be on disk, counted since open (snapshots included). */
  private appended = 0;
  private durable = 0;
  private syncs: Promise<void> = Promise.resolve();
  private syncing = false;
  /** WAL handles a snapshot retired while a sync was still using them; closed when it ends. */
  private retiredFds: number[] = [];
  private syncCount = 0;
  private readonly lock: DirectoryLock;

  constructor(readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
    this.lock = DirectoryLock.acquire(dir);
  }

  /** Number of WAL entries written since the last snapshot. */
  get walEntries(): number {
    return this.walCount;
  }

  /** Reads the snapshot (null on a fresh directory) and the WAL entries that follow it. */
  load(): { snapshot: ChainSnapshot | null; wal: WalEntry[]; tornBytes: number } {
    const snapshotPath = path.join(this.dir, SNAPSHOT_FILE);
    const snapshot = fs.existsSync(snapshotPath)
      ? parseSnapshot(fs.readFileSync(snapshotPath), snapshotPath)
      : null;
    const walPath = path.join(this.dir, WAL_FILE);
    const text = fs.existsSync(walPath) ? fs.readFileSync(walPath, 'utf8') : '';
    const wal: WalEntry[] = [];
    let consumed = 0;
    for (const line of text.split('\n')) {
      if (consumed + line.length >= text.length) break; // no trailing newline: the write was torn
      try {
        wal.push(JSON.parse(line) as WalEntry);
      } catch {
        break;
      }
      consumed += line.length + 1;
    }
    return { snapshot, wal, tornBytes: Buffer.byteLength(text.slice(consumed)) };
  }

  /** Atomically replaces the snapshot, then empties the WAL. */
  writeSnapshot(snapshot: ChainSnapshot): void {
    const header = Buffer.from(
      JSON.stringify({ meta: snapshot.meta, lastSeq: snapshot.lastSeq, transactions: snapshot.transactions }),
    );
    const length = Buffer.alloc(4);
    length.writeUInt32LE(header.length);
    const target = path.join(this.dir, SNAPSHOT_FILE);
    const temp = `${target}.tmp`;
    const fd = fs.openSync(temp, 'w');
    try {
      for (const part of [MAGIC, length, header, snapshot.svm]) writeFully(fd, part);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, target);
    this.syncDirectory();
    this.resetWal();
    this.durable = this.appended; // the synced snapshot holds every entry
  }

  /** Appends one entry; it is on disk once {@link whenDurable} resolves. */
  append(entry: WalEntry): void {
    if (this.walFd === null) this.walFd = fs.openSync(path.join(this.dir, WAL_FILE), 'a');
    writeFully(this.walFd, Buffer.from(`${JSON.stringify(entry)}\n`));
    this.walCount++;
    this.appended++;
  }

  /** Resolves once every entry appended so far is on disk; null when all already are. */
  whenDurable(): Promise<void> | null {
    if (this.durable >= this.appended) return null;
    const target = this.appended;
    // Chained: a sync that starts after another ends covers every entry appended meanwhile.
    // A failed sync fails its own waiters; the next one tries again.
    const next = this.syncs
      .catch(() => undefined)
      .then(() => (this.durable >= target ? undefined : this.syncWal()));
    this.syncs = next;
    return next;
  }

  /** fdatasync calls made so far (the group commit's measure). */
  get syncsMade(): number {
    return this.syncCount;
  }

  /** fdatasync on the libuv pool, off the event loop. */
  protected syncFile(fd: number): Promise<void> {
    return new Promise((resolve, reject) => fs.fdatasync(fd, (error) => (error ? reject(error) : resolve())));
  }

  private async syncWal(): Promise<void> {
    const fd = this.walFd;
    const upTo = this.appended;
    if (fd === null) {
      this.durable = upTo; // a snapshot or close since the last append already synced everything
      return;
    }
    this.syncing = true;
    try {
      await this.syncFile(fd);
      this.syncCount++;
      this.durable = Math.max(this.durable, upTo);
    } finally {
      this.syncing = false;
      for (const retired of this.retiredFds.splice(0)) fs.closeSync(retired);
    }
  }

  /** Releases the WAL file handle and the directory lock. */
  close(): void {
    // Closed without a final snapshot: what was appended still reaches the disk first.
    if (this.walFd !== null && this.durable < this.appended) {
      fs.fdatasyncSync(this.walFd);
      this.durable = this.appended;
    }
    this.closeWal();
    this.lock.release();
  }

  private closeWal(): void {
    // A sync in flight still uses the handle; closing it now could sync whatever file reuses it.
    if (this.walFd !== null && this.syncing) this.retiredFds.push(this.walFd);
    else if (this.walFd !== null) fs.closeSync(this.walFd);
    this.walFd = null;
  }

  private resetWal(): void {
    this.closeWal();
    const walPath = path.join(this.dir, WAL_FILE);
    const fd = fs.openSync(walPath, 'w');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    this.walCount = 0;
  }

  private syncDirectory(): void {
    try {
      const fd = fs.openSync(this.dir, 'r');
      try {
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    } catch {
      // Some platforms (Windows) cannot fsync a directory; the rename is still atomic there.
    }
  }
}

function writeFully(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
}

function parseSnapshot(bytes: Buffer, file: string): ChainSnapshot {
  if (bytes.length < 12 || !bytes.subarray(0, 8).equals(MAGIC))
    throw new Error(`${file} is not a chain snapshot`);
  const headerLength = bytes.readUInt32LE(8);
  const header: unknown = JSON.parse(bytes.subarray(12, 12 + headerLength).toString('utf8'));
  if (!isVersion1Header(header)) throw new Error(`${file} has an unsupported version`);
  return {
    ...(header as Omit<ChainSnapshot, 'svm'>),
    svm: new Uint8Array(bytes.subarray(12 + headerLength)),
  };
}

/** A file from another version (or not a snapshot at all) may lack `meta`: check before trusting it. */
function isVersion1Header(header: unknown): boolean {
  return (
    typeof header === 'object' &&
    header !== null &&
    'meta' in header &&
    typeof header.meta === 'object' &&
    header.meta !== null &&
    'version' in header.meta &&
    header.meta.version === 1
  );
}
