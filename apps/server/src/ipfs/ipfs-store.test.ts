import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../errors/app-error.ts';
import { computeCid } from './import-unixfs.ts';
import { createIpfsStore, type IpfsStoreOptions } from './ipfs-store.ts';
import { createKuboProvider } from './kubo-provider.ts';
import { startFakeKubo, type FakeKubo } from './start-fake-kubo.ts';

const fastRetry = { baseMs: 5, maxMs: 20, maxAttempts: 3 };

function captureLogger() {
  const lines: Array<{ level: number; msg: string }> = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, warnings: () => lines.filter((l) => l.level >= 40).map((l) => l.msg) };
}

/** Bytes spanning several 256 KiB chunks, so the DAG has a dag-pb root and raw leaves. */
const bigPayload = () =>
  Uint8Array.from({ length: 700_000 }, (_, i) => ((i ^ (i >>> 8) ^ (i >>> 16)) * 31) & 0xff);

describe('IPFS store', () => {
  let dataDir: string;
  const kubos: FakeKubo[] = [];
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'insignia-ipfs-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });
  afterAll(async () => {
    await Promise.all(kubos.map((k) => k.close()));
  });

  const kubo = async (mode: FakeKubo['mode'] = 'ok') => {
    const k = await startFakeKubo(mode);
    kubos.push(k);
    return k;
  };
  const provider = (k: FakeKubo, name: string) =>
    createKuboProvider({ apiUrl: k.url, name, retry: fastRetry, timeoutMs: 2_000 });
  const store = (extra: Partial<IpfsStoreOptions> = {}) =>
    createIpfsStore({
      dataDir,
      gatewayBaseUrl: 'http://localhost:3000/',
      logger: pino({ level: 'silent' }),
      ...extra,
    });

  it('adds canonical JSON and reads it back (embedded mode, local blockstore only)', async () => {
    const ipfs = store();
    const a = await ipfs.addJson({
      name: 'Gold',
      attributes: [{ value: 3, trait_type: 'level' }],
      extra: undefined,
    });
    const b = await ipfs.addJson({ attributes: [{ trait_type: 'level', value: 3 }], name: 'Gold' });
    const text = '{"attributes":[{"trait_type":"level","value":3}],"name":"Gold"}';
    expect(b.cid).toBe(a.cid);
    expect(a).toEqual({
      cid: (await computeCid(Buffer.from(text))).toString(),
      uri: `ipfs://${a.cid}`,
      gatewayUrl: `http://localhost:3000/ipfs/${a.cid}`,
      contentHash: createHash('sha256').update(text).digest('hex'),
      size: Buffer.byteLength(text),
      providers: [],
    });
    expect(a.cid).toMatch(/^bafkrei/);
    expect(Buffer.from(await ipfs.get(a.cid)).toString()).toBe(text);
    // A fresh store over the same directory (a restart) still has it.
    expect(Buffer.from(await store().get(a.cid)).toString()).toBe(text);
  });

  it('adds many JSON values at once as addJson would, in one synced file other stores find', async () => {
    const ipfs = store();
    const reader = store(); // another process over the same directory, started before the write
    expect(
      await reader.getWithContentType((await computeCid(Buffer.from('{}'))).toString()).catch(() => 'none'),
    ).toBe('none');
    const values = [{ badge: 'Gold', n: 1 }, { n: 1, badge: 'Gold' }, { badge: 'Silver' }];
    const added = await ipfs.addJsonMany(values);
    expect(added).toHaveLength(3);
    expect(added[1]).toEqual(added[0]); // equal values, equal payloads
    // Same answers as one by one, in a directory of its own.
    const single = createIpfsStore({
      dataDir: join(dataDir, 'single'),
      gatewayBaseUrl: 'http://localhost:3000/',
      logger: pino({ level: 'silent' }),
    });
    for (const [i, value] of values.entries()) expect(added[i]).toEqual(await single.addJson(value));
    for (const s of [ipfs, reader, store()]) {
      expect(Buffer.from(await s.get(added[2]!.cid)).toString()).toBe('{"badge":"Silver"}');
      expect((await s.getWithContentType(added[0]!.cid)).contentType).toBe('application/json; charset=utf-8');
    }
    const files = await readdir(join(dataDir, 'ipfs'), { recursive: true });
    expect(files.filter((f) => f.startsWith('packs/') && f.endsWith('.pack'))).toHaveLength(1);
    expect(
      files.filter((f) => f.includes('.tmp-') || f.startsWith('blocks/') || f.startsWith('pins/')),
    ).toEqual([]);
  });

  it("ignores another process's pack until it is renamed into place, and a temp file that vanished", async () => {
    const ipfs = store();
    const [first] = await ipfs.addJsonMany([{ badge: 'First' }]);
    // Another process's pack, written to its temp name and not renamed yet.
    const elsewhere = createIpfsStore({
      dataDir: join(dataDir, 'elsewhere'),
      gatewayBaseUrl: 'http://localhost:3000/',
      logger: pino({ level: 'silent' }),
    });
    const [ghost] = await elsewhere.addJsonMany([{ badge: 'Ghost' }]);
    const [ghostPack] = await readdir(join(dataDir, 'elsewhere', 'ipfs', 'packs'));
    const packs = join(dataDir, 'ipfs', 'packs');
    const tmp = join(packs, `.tmp-${ghostPack!}`);
    await writeFile(tmp, await readFile(join(dataDir, 'elsewhere', 'ipfs', 'packs', ghostPack!)));
    const reader = store();
    expect(Buffer.from(await reader.get(first!.cid)).toString()).toBe('{"badge":"First"}');
    const notFound = (e: unknown) => isAppError(e, 'IPFS__NOT_FOUND');
    await expect(reader.get(ghost!.cid)).rejects.toSatisfy(notFound);
    // The writer gave up (or renamed it elsewhere): still a clean "not found", never a crash.
    await rm(tmp);
    await expect(reader.get(ghost!.cid)).rejects.toSatisfy(notFound);
    await expect(store().get(ghost!.cid)).rejects.toSatisfy(notFound);
  });

  it('serves nothing from a damaged pack, and re-pins packed payloads once a provider is back', async () => {
    const primary = await kubo('fail');
    const ipfs = store({ providers: [provider(primary, 'primary')] });
    const [added] = await ipfs.addJsonMany([{ badge: 'Early Bird' }]);
    expect(added!.providers).toEqual([]);
    primary.mode = 'ok';
    expect(await ipfs.repinPending()).toEqual({ attempted: 1, pinned: 1 });
    expect(primary.blocks.has(added!.cid)).toBe(true);
    expect(await store({ providers: [provider(primary, 'primary')] }).repinPending()).toEqual({
      attempted: 0,
      pinned: 0,
    });

    const [packFile] = (await readdir(join(dataDir, 'ipfs', 'packs'))).filter((f) => f.endsWith('.pack'));
    const path = join(dataDir, 'ipfs', 'packs', packFile!);
    const bytes = await readFile(path);
    const at = bytes.indexOf('{"badge":"Early Bird"}');
    bytes[at + 3] = 'X'.charCodeAt(0);
    await writeFile(path, bytes);
    await expect(store().get(added!.cid)).rejects.toSatisfy((e) => isAppError(e, 'IPFS__NOT_FOUND'));
  });

  it('stores and reads back a file larger than one chunk; no temp files are left behind', async () => {
    const ipfs = store();
    const bytes = bigPayload();
    const added = await ipfs.addBytes(bytes, { name: 'badge.bin' });
    expect(added.cid).toBe((await computeCid(bytes)).toString());
    expect(added.cid).toMatch(/^bafybei/);
    expect(Buffer.from(await ipfs.get(added.cid)).equals(Buffer.from(bytes))).toBe(true);
    const files = await readdir(join(dataDir, 'ipfs'), { recursive: true });
    expect(files.filter((f) => f.includes('.tmp-'))).toEqual([]);
    expect(files.filter((f) => /^blocks\/[a-z2-7]{2}\/baf/.test(f))).toHaveLength(4); // 3 leaves + root
  });

  it('answers IPFS__NOT_FOUND for a CID it does not have, and refuses a malformed one', async () => {
    const ipfs = store();
    const missing = (await computeCid(Buffer.from('never added'))).toString();
    await expect(ipfs.get(missing)).rejects.toSatisfy((e) => isAppError(e, 'IPFS__NOT_FOUND'));
    await expect(ipfs.get('not-a-cid')).rejects.toSatisfy((e) => isAppError(e, 'VALIDATION__INVALID_CID'));
  });

  it('falls through to the backup when the primary fails, and records who has it', async () => {
    const primary = await kubo('fail');
    const backup = await kubo('ok');
    const { logger, warnings } = captureLogger();
    const ipfs = store({ providers: [provider(primary, 'primary'), provider(backup, 'backup')], logger });
    const bytes = bigPayload();
    const added = await ipfs.addBytes(bytes);
    expect(added.providers).toEqual(['backup']);
    expect(primary.requests.filter((r) => r === 'POST /api/v0/add')).toHaveLength(fastRetry.maxAttempts);
    expect(backup.blocks.has(added.cid)).toBe(true);
    expect(warnings()).toEqual([]);

    // Lose the local copy: the backup serves the blocks, each checked against its CID.
    await rm(join(dataDir, 'ipfs', 'blocks'), { recursive: true });
    const fresh = store({ providers: [provider(primary, 'primary'), provider(backup, 'backup')] });
    expect(Buffer.from(await fresh.get(added.cid)).equals(Buffer.from(bytes))).toBe(true);
    expect(backup.requests.filter((r) => r === 'POST /api/v0/block/get')).toHaveLength(4);
    // ...and they are kept locally again, so the next read needs no provider.
    backup.mode = 'fail';
    expect(Buffer.from(await fresh.get(added.cid)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('succeeds locally with a warning when every provider is down, and a re-pin sweep pushes it later', async () => {
    const primary = await kubo('fail');
    const backup = await kubo('fail');
    const { logger, warnings } = captureLogger();
    const ipfs = store({ providers: [provider(primary, 'primary'), provider(backup, 'backup')], logger });
    const added = await ipfs.addJson({ badge: 'Early Bird' });
    expect(added.providers).toEqual([]);
    expect(warnings()).toContain('no IPFS provider pinned the payload; it is kept locally only');
    expect(Buffer.from(await ipfs.get(added.cid)).toString()).toBe('{"badge":"Early Bird"}');

    backup.mode = 'ok';
    expect(await ipfs.repinPending()).toEqual({ attempted: 1, pinned: 1 });
    expect(backup.blocks.has(added.cid)).toBe(true);
    expect(await ipfs.repinPending()).toEqual({ attempted: 0, pinned: 0 });
    // Adding the same payload again does not push it a second time.
    const before = backup.requests.length;
    expect((await ipfs.addJson({ badge: 'Early Bird' })).providers).toEqual(['backup']);
    expect(backup.requests.length).toBe(before);
  });

  it('refuses a provider whose CID differs from ours and uses the next one', async () => {
    const odd = await kubo('wrong-cid');
    const good = await kubo('ok');
    const { logger } = captureLogger();
    const ipfs = store({ providers: [provider(odd, 'odd'), provider(good, 'good')], logger });
    expect((await ipfs.addBytes(Buffer.from('payload'))).providers).toEqual(['good']);
  });

  it('never trusts a block that does not match its CID, from a provider or from disk', async () => {
    const backup = await kubo('ok');
    const ipfs = store({ providers: [provider(backup, 'backup')] });
    const added = await ipfs.addBytes(Buffer.from('original bytes'));
    // Damage the local copy: it is ignored and the provider's good copy is used.
    const shard = join(dataDir, 'ipfs', 'blocks', added.cid.slice(-3, -1));
    await writeFile(join(shard, added.cid), 'tampered bytes');
    expect(Buffer.from(await ipfs.get(added.cid)).toString()).toBe('original bytes');
    // Damage both: nothing trustworthy is left.
    await writeFile(join(shard, added.cid), 'tampered bytes');
    backup.blocks.set(added.cid, Buffer.from('tampered bytes'));
    await expect(ipfs.get(added.cid)).rejects.toSatisfy((e) => isAppError(e, 'IPFS__NOT_FOUND'));
  });
});
