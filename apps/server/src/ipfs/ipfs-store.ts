import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { exporter, type ReadableStorage } from 'ipfs-unixfs-exporter';
import type { CID } from 'multiformats/cid';
import type { Logger } from 'pino';
import { AppError, isAppError } from '../errors/app-error.ts';
import { canonicalJson } from './canonical-json.ts';
import { createFsBlockstore } from './fs-blockstore.ts';
import { importUnixfs, KUBO_CHUNK_SIZE } from './import-unixfs.ts';
import type { KuboProvider } from './kubo-provider.ts';
import { parseCid } from './parse-cid.ts';
import { createPayloadPacks, type PackedPayload } from './payload-packs.ts';
import { createPinRecords, type PinRecord } from './pin-records.ts';
import { JSON_CONTENT_TYPE, sniffContentType } from './sniff-content-type.ts';

export interface IpfsAddResult {
  /** CIDv1 (base32), identical to what `ipfs add --cid-version=1 --raw-leaves` prints. */
  cid: string;
  uri: `ipfs://${string}`;
  gatewayUrl: string;
  /** sha256 of the payload bytes, hex. */
  contentHash: string;
  size: number;
  /** Remote providers that pinned it. The local blockstore always has it as well. */
  providers: string[];
}

export interface IpfsStore {
  /**
   * Stores `bytes` with their media type (`contentType`, else sniffed now): the gateway serves
   * what was recorded here and never has to sniff the payloads it stored itself.
   */
  addBytes(bytes: Uint8Array, options?: { name?: string; contentType?: string }): Promise<IpfsAddResult>;
  /** Adds `value` as canonical JSON (sorted keys, no whitespace): equal values, equal CIDs. */
  addJson(value: unknown): Promise<IpfsAddResult>;
  /**
   * {@link addJson} for many values at once, one result per value in order: small payloads
   * are stored together with one sync for all (see payload-packs.ts).
   */
  addJsonMany(values: readonly unknown[]): Promise<IpfsAddResult[]>;
  /** The payload's bytes: local blocks first, then each provider. Throws IPFS__NOT_FOUND. */
  get(cid: string | CID, options?: { signal?: AbortSignal }): Promise<Uint8Array>;
  /** `get`, with the media type recorded at upload, or sniffed from a bounded prefix otherwise. */
  getWithContentType(
    cid: string | CID,
    options?: { signal?: AbortSignal },
  ): Promise<{ bytes: Uint8Array; contentType: string }>;
  /** Pushes payloads that no provider has yet (all were down when they were added). */
  repinPending(options?: { limit?: number }): Promise<{ attempted: number; pinned: number }>;
}

/** Payloads of one `addJsonMany` pushed to providers at a time. */
const PUSHES_IN_FLIGHT = 8;

export interface IpfsStoreOptions {
  dataDir: string;
  /** Tried in order; the first that pins a payload wins. Empty: embedded mode, local only. */
  providers?: KuboProvider[];
  /** Base of `gatewayUrl`: the app's public URL (its own `/ipfs/:cid`) or a public gateway. */
  gatewayBaseUrl: string;
  logger: Logger;
  /** Largest payload `get` assembles in memory. */
  maxBytes?: number;
}

/**
 * Content-addressed storage for metadata and images. Every payload lands in the local
 * blockstore (`<dataDir>/ipfs`) first, so it stays readable while IPFS is down, and is then
 * pinned on the first provider that accepts it and returns the same CID we computed.
 */
export function createIpfsStore(options: IpfsStoreOptions): IpfsStore {
  const root = join(options.dataDir, 'ipfs');
  const blocks = createFsBlockstore(join(root, 'blocks'));
  const pins = createPinRecords(join(root, 'pins'));
  const packs = createPayloadPacks(join(root, 'packs'));
  /** A payload's pin record: its own file (written last, so newest) first, else its pack's. */
  const readPin = async (cid: string) => (await pins.read(cid)) ?? (await packs.record(cid));
  const providers = options.providers ?? [];
  const logger = options.logger;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const gatewayBase = options.gatewayBaseUrl.replace(/\/+$/, '');

  const pushToProviders = async (bytes: Uint8Array, cid: string, fileName?: string) => {
    const failures: Array<{ provider: string; error: string }> = [];
    for (const provider of providers) {
      try {
        const returned = await provider.add(bytes, { fileName });
        if (parseCid(returned).toV1().toString() === cid) return [provider.name];
        // A node configured with other chunking would pin a different DAG: not our payload.
        logger.error(
          { cid, provider: provider.name, returned },
          'IPFS provider returned another CID; refused',
        );
        failures.push({ provider: provider.name, error: `returned ${returned}` });
      } catch (e) {
        failures.push({ provider: provider.name, error: (e as Error).message });
      }
    }
    if (providers.length > 0) {
      logger.warn({ cid, failures }, 'no IPFS provider pinned the payload; it is kept locally only');
    }
    return [];
  };

  /** Blocks for the exporter: local first, then providers; fetched blocks are kept locally. */
  const storage = (signal?: AbortSignal): ReadableStorage => ({
    async *get(cid: CID) {
      const local = (await blocks.read(cid)) ?? (await packs.read(cid));
      if (local) {
        yield local;
        return;
      }
      for (const provider of providers) {
        const fetched = await provider.getBlock(cid, { signal });
        if (fetched) {
          await blocks.put(cid, fetched);
          yield fetched;
          return;
        }
      }
      throw new AppError('IPFS__NOT_FOUND');
    },
  });

  const addBytes: IpfsStore['addBytes'] = async (bytes, { name, contentType } = {}) => {
    const cid = (await importUnixfs(bytes, blocks)).toString();
    const contentHash = createHash('sha256').update(bytes).digest('hex');
    const existing = await readPin(cid);
    let providerNames = existing?.providers ?? [];
    if (providerNames.length === 0) providerNames = await pushToProviders(bytes, cid, name);
    const now = new Date().toISOString();
    const record: PinRecord = {
      cid,
      size: bytes.length,
      contentHash,
      ...(name ? { fileName: name } : {}),
      contentType: contentType ?? existing?.contentType ?? sniffContentType(bytes),
      providers: providerNames,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    await pins.write(record);
    return {
      cid,
      uri: `ipfs://${cid}`,
      gatewayUrl: `${gatewayBase}/ipfs/${cid}`,
      contentHash,
      size: bytes.length,
      providers: providerNames,
    };
  };

  const addJsonMany: IpfsStore['addJsonMany'] = async (values) => {
    const payloads = values.map((v) => Buffer.from(canonicalJson(v), 'utf8'));
    const now = new Date().toISOString();
    const packed = new Map<string, PackedPayload>();
    const small = new Map<Buffer, PackedPayload>();
    for (const bytes of payloads) {
      // A payload of several blocks is rare here: it takes the one-by-one path below.
      if (bytes.length > KUBO_CHUNK_SIZE) continue;
      const cid = (await importUnixfs(bytes, { put: (c) => c })).toString();
      const payload = packed.get(cid) ?? {
        cid,
        bytes,
        record: {
          cid,
          size: bytes.length,
          contentHash: createHash('sha256').update(bytes).digest('hex'),
          fileName: 'metadata.json',
          contentType: JSON_CONTENT_TYPE,
          providers: [],
          createdAt: now,
          updatedAt: now,
        },
      };
      packed.set(cid, payload);
      small.set(bytes, payload);
    }
    // The pack holds this add's records. A record file an earlier add left is read first and
    // still names its providers; pushing again to a provider that has the payload is harmless.
    if (providers.length > 0) {
      const queue = packed.values();
      const push = async () => {
        for (const p of queue) p.record.providers = await pushToProviders(p.bytes, p.cid, 'metadata.json');
      };
      await Promise.all(Array.from({ length: Math.min(PUSHES_IN_FLIGHT, packed.size) }, push));
    }
    await packs.write([...packed.values()]);
    const out: IpfsAddResult[] = [];
    for (const bytes of payloads) {
      const payload = small.get(bytes);
      if (!payload) {
        out.push(await addBytes(bytes, { name: 'metadata.json', contentType: JSON_CONTENT_TYPE }));
        continue;
      }
      const { cid, record } = payload;
      out.push({
        cid,
        uri: `ipfs://${cid}`,
        gatewayUrl: `${gatewayBase}/ipfs/${cid}`,
        contentHash: record.contentHash,
        size: record.size,
        providers: record.providers,
      });
    }
    return out;
  };

  const get: IpfsStore['get'] = async (input, { signal } = {}) => {
    // CID objects go through the same check: an identity CID must never be served.
    const cid = parseCid(input.toString());
    try {
      const entry = await exporter(cid, storage(signal), { signal });
      if (entry.type !== 'file' && entry.type !== 'raw') throw new AppError('IPFS__NOT_FOUND');
      if (entry.size > BigInt(maxBytes))
        throw new RangeError(`payload ${cid.toString()} exceeds ${maxBytes} bytes`);
      const parts: Uint8Array[] = [];
      for await (const part of entry.content({ signal })) parts.push(part);
      return Buffer.concat(parts);
    } catch (e) {
      if (isAppError(e) || e instanceof RangeError || signal?.aborted) throw e;
      // The exporter refuses a malformed DAG; for a caller that is content we do not have.
      logger.warn({ cid: cid.toString(), err: (e as Error).message }, 'IPFS payload unreadable');
      throw new AppError('IPFS__NOT_FOUND', undefined, { cause: e });
    }
  };

  return {
    addBytes,
    addJsonMany,
    addJson: (value) =>
      addBytes(Buffer.from(canonicalJson(value), 'utf8'), {
        name: 'metadata.json',
        contentType: JSON_CONTENT_TYPE,
      }),
    get,
    async getWithContentType(input, options) {
      const bytes = await get(input, options);
      const cid = parseCid(input.toString()).toV1().toString();
      // Payloads stored elsewhere (or before types were recorded) have no record: sniffed.
      const record = await readPin(cid).catch(() => undefined);
      return { bytes, contentType: record?.contentType ?? sniffContentType(bytes) };
    },
    async repinPending({ limit = 100 } = {}) {
      if (providers.length === 0) return { attempted: 0, pinned: 0 };
      const files = await pins.listUnpinned(limit);
      // A pack's record is superseded by the record file a re-pin writes.
      const pending = [
        ...files,
        ...(await packs.unpinned(limit - files.length, async (cid) => (await pins.read(cid)) === undefined)),
      ];
      let pinned = 0;
      for (const record of pending) {
        const bytes = await get(record.cid).catch(() => undefined);
        if (!bytes) continue;
        const names = await pushToProviders(bytes, record.cid, record.fileName);
        if (names.length === 0) continue;
        pinned++;
        await pins.write({ ...record, providers: names, updatedAt: new Date().toISOString() });
      }
      return { attempted: pending.length, pinned };
    },
  };
}
