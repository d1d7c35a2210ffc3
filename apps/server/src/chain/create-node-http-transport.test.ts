import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SOLANA_ERROR__RPC__TRANSPORT_HTTP_ERROR, isSolanaError } from '@solana/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHttpTransport } from './create-node-http-transport.ts';

/** An RPC endpoint whose answer each test chooses by the method it is asked for. */
let server: Server;
let url: string;
let lastBody = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      lastBody = body;
      const { method } = JSON.parse(body) as { method: string };
      if (method === 'busy') {
        res.writeHead(429, { 'retry-after': '7', 'content-type': 'text/plain' }).end('slow down');
      } else if (method === 'slow') {
        setTimeout(() => res.end('{}'), 2_000);
      } else {
        // 2^63 - 1 does not fit a JavaScript number: it must come back as a bigint, exactly.
        res.setHeader('content-type', 'application/json');
        res.end('{"jsonrpc":"2.0","id":"1","result":{"value":9223372036854775807,"ok":true}}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('RPC transport on node http', () => {
  const transport = () => createNodeHttpTransport(url);

  it('sends and reads JSON with big integers as kit does', async () => {
    const answer = await transport()<{ result: { value: bigint; ok: boolean } }>({
      payload: { jsonrpc: '2.0', id: '1', method: 'getBalance', params: [10n ** 18n] },
    });
    expect(answer.result.value).toBe(9223372036854775807n);
    expect(answer.result.ok).toBe(true);
    expect(lastBody).toContain('1000000000000000000');
  });

  it('a non-2xx answer is kit’s HTTP error, with the status and headers the failover reads', async () => {
    const failure = await transport()({ payload: { jsonrpc: '2.0', id: '1', method: 'busy' } }).catch(
      (e: unknown) => e,
    );
    expect(isSolanaError(failure, SOLANA_ERROR__RPC__TRANSPORT_HTTP_ERROR)).toBe(true);
    if (!isSolanaError(failure, SOLANA_ERROR__RPC__TRANSPORT_HTTP_ERROR)) return;
    expect(failure.context.statusCode).toBe(429);
    expect(failure.context.headers.get('retry-after')).toBe('7');
  });

  it('stops waiting when its signal aborts, and rejects when nothing listens', async () => {
    const aborted = await transport()({
      payload: { jsonrpc: '2.0', id: '1', method: 'slow' },
      signal: AbortSignal.timeout(50),
    }).catch((e: unknown) => e);
    expect((aborted as Error).name).toBe('AbortError');

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(
      createNodeHttpTransport(`http://127.0.0.1:${port}`)({
        payload: { jsonrpc: '2.0', id: '1', method: 'x' },
      }),
    ).rejects.toThrow(/ECONNREFUSED/);
  });
});
