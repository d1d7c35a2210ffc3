import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerErrorHandling } from '../http/error-handler.ts';
import { computeCid } from './import-unixfs.ts';
import { registerIpfsRoutes } from './ipfs-routes.ts';
import { createIpfsStore, type IpfsStore } from './ipfs-store.ts';

const png = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);

describe('IPFS gateway route', () => {
  let app: FastifyInstance;
  let ipfs: IpfsStore;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'insignia-gateway-'));
    ipfs = createIpfsStore({
      dataDir,
      gatewayBaseUrl: 'http://localhost',
      logger: pino({ level: 'silent' }),
    });
    app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    registerErrorHandling(app);
    registerIpfsRoutes(app, { ipfs });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it.each([
    ['JSON metadata', () => ipfs.addJson({ name: 'Gold' }), 'application/json; charset=utf-8'],
    ['a PNG', () => ipfs.addBytes(png), 'image/png'],
    ['a JPEG', () => ipfs.addBytes(Uint8Array.from([0xff, 0xd8, 0xff, 0xdb, 0, 0x43])), 'image/jpeg'],
    [
      'an SVG',
      () => ipfs.addBytes(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>')),
      'image/svg+xml',
    ],
    ['plain text', () => ipfs.addBytes(Buffer.from('hello\n')), 'text/plain; charset=utf-8'],
  ])('serves %s with its content type and immutable caching', async (_name, add, type) => {
    const added = await add();
    const res = await app.inject(`/ipfs/${added.cid}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers.etag).toBe(`"${added.cid}"`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain('sandbox');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.rawPayload.equals(Buffer.from(await ipfs.get(added.cid)))).toBe(true);
  });

  it('serves the type recorded at upload, without sniffing the payload again', async () => {
    // Sniffed, these bytes are plain text: the header shows the recorded type was used.
    const added = await ipfs.addBytes(Buffer.from('recorded at upload'), { contentType: 'image/svg+xml' });
    const res = await app.inject(`/ipfs/${added.cid}`);
    expect(res.headers['content-type']).toBe('image/svg+xml');
  });

  it('answers a revalidation with 304 and HEAD without a body', async () => {
    const { cid } = await ipfs.addJson({ name: 'Silver' });
    const cached = await app.inject({ url: `/ipfs/${cid}`, headers: { 'if-none-match': `"${cid}"` } });
    expect(cached.statusCode).toBe(304);
    expect(cached.body).toBe('');
    const head = await app.inject({ method: 'HEAD', url: `/ipfs/${cid}` });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(head.body).toBe('');
  });

  it('serves a CIDv0 spelling of a dag-pb payload', async () => {
    const { cid } = await ipfs.addBytes(new Uint8Array(300_000).fill(7));
    const v0 = (await computeCid(new Uint8Array(300_000).fill(7))).toV0().toString();
    const res = await app.inject(`/ipfs/${v0}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe(`"${cid}"`);
    expect(res.rawPayload.length).toBe(300_000);
  });

  it('answers 404 IPFS__NOT_FOUND for a valid CID it does not have', async () => {
    const cid = (await computeCid(Buffer.from('absent'))).toString();
    const res = await app.inject(`/ipfs/${cid}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('IPFS__NOT_FOUND');
    // Content may be added later: a miss is never cached as immutable.
    expect(res.headers['cache-control']).toBeUndefined();
  });

  it.each([
    ['garbage', 'not-a-cid'],
    ['a truncated CID', 'bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyk'],
    // identity multihash: the "content" (`<svg onload=alert(1)>`) is inside the CID itself
    ['an identity CID', 'bafkqafj4on3goidpnzwg6ylehvqwyzlsoqudckj6'],
    ['a dag-cbor CID', 'bafyreihdb57fdysx5h35urvxz64ros7zvywshber7id6t6c6fek37jgyfe'],
  ])('answers 400 VALIDATION__INVALID_CID for %s', async (_name, cid) => {
    const res = await app.inject(`/ipfs/${cid}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION__INVALID_CID');
  });
});
