import { createServer, type IncomingMessage } from 'node:http';
import { CID } from 'multiformats/cid';
import type { MultihashDigest } from 'multiformats/hashes/interface';
import { importUnixfs } from './import-unixfs.ts';

export interface FakeKubo {
  url: string;
  /** `ok` serves like Kubo; `fail` answers 500 to everything; `wrong-cid` pins under another CID. */
  mode: 'ok' | 'fail' | 'wrong-cid';
  requests: string[];
  blocks: Map<string, Uint8Array>;
  close(): Promise<void>;
}

/**
 * A tiny Kubo RPC peer for tests: a real HTTP server speaking `/api/v0/add` (multipart,
 * NDJSON answer) and `/api/v0/block/get`, chunking with the same importer Kubo's defaults match.
 */
export async function startFakeKubo(mode: FakeKubo['mode'] = 'ok'): Promise<FakeKubo> {
  const blocks = new Map<string, Uint8Array>();
  const requests: string[] = [];
  const kubo: FakeKubo = { url: '', mode, requests, blocks, close: async () => {} };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://kubo');
      requests.push(`${req.method} ${url.pathname}`);
      const body = await readBody(req);
      const fail = (status: number, message: string) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ Message: message, Code: 0, Type: 'error' }));
      };
      if (kubo.mode === 'fail') {
        fail(500, 'simulated outage');
        return;
      }
      if (req.method !== 'POST') {
        fail(405, 'method not allowed');
        return;
      }

      if (url.pathname === '/api/v0/add') {
        const q = url.searchParams;
        if (q.get('cid-version') !== '1' || q.get('raw-leaves') !== 'true') {
          fail(400, 'unexpected options');
          return;
        }
        const file = filePart(req.headers['content-type'] ?? '', body);
        if (!file) {
          fail(400, 'no file part');
          return;
        }
        const cid = await importUnixfs(file.content, {
          put: (c, bytes) => {
            blocks.set(c.toString(), bytes as Uint8Array);
            return c;
          },
        });
        const hash =
          kubo.mode === 'wrong-cid'
            ? CID.createV0(cid.multihash as MultihashDigest<0x12>).toString()
            : cid.toString();
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`${JSON.stringify({ Name: file.name, Hash: hash, Size: String(file.content.length) })}\n`);
        return;
      }
      if (url.pathname === '/api/v0/block/get') {
        const block = blocks.get(
          CID.parse(url.searchParams.get('arg') ?? '')
            .toV1()
            .toString(),
        );
        if (!block) {
          fail(500, 'block was not found locally (offline)');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': block.length });
        res.end(block);
        return;
      }
      fail(404, 'unknown command');
    })().catch((e: unknown) => {
      res.writeHead(500).end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const bound = server.address();
  if (bound === null || typeof bound === 'string') throw new Error('the fake Kubo listens on a TCP port');
  kubo.url = `http://127.0.0.1:${bound.port}`;
  kubo.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return kubo;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

/** The first multipart part named `file`: just enough of RFC 7578 for fetch's FormData. */
function filePart(contentType: string, body: Buffer): { name: string; content: Uint8Array } | undefined {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) return undefined;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const part = body.subarray(start + delimiter.length + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, headerEnd).toString('utf8');
    if (/name="file"/.test(headers)) {
      const name = /filename="([^"]*)"/.exec(headers)?.[1] ?? '';
      return { name, content: new Uint8Array(part.subarray(headerEnd + 4)) };
    }
    start = next;
  }
  return undefined;
}
