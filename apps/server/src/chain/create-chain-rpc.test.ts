import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createChainRpc } from './create-chain-rpc.ts';
import { isAppError, isRetryableError } from '../errors/app-error.ts';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((s) => {
      s.closeAllConnections();
      return new Promise((r) => s.close(r));
    }),
  );
});

/** A tiny HTTP server answering JSON-RPC getSlot, whose behaviour per request is scripted. */
async function serve(
  behave: (n: number) => 'ok' | 'hang' | '429' | '500',
): Promise<{ url: string; hits: () => number }> {
  let n = 0;
  const server = createServer((req, res) => {
    const mode = behave(n++);
    if (mode === 'hang') return; // never answers
    if (mode === '429') return void res.writeHead(429, { 'retry-after': '1' }).end();
    if (mode === '500') return void res.writeHead(500).end();
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const { id } = JSON.parse(body) as { id: unknown };
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ jsonrpc: '2.0', id, result: 77 }));
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => n };
}

describe('createChainRpc over real HTTP', () => {
  it('times out on a hanging endpoint and answers from the next one', async () => {
    const [hang, good] = await Promise.all([serve(() => 'hang'), serve(() => 'ok')]);
    const registry = new Registry();
    const chain = createChainRpc({
      urls: [hang.url, good.url],
      commitment: 'confirmed',
      timeoutMs: 200,
      maxRetries: 2,
      metrics: registry,
    });
    expect(await chain.rpc.getSlot().send()).toBe(77n);
    expect(chain.endpoints()[0]).toMatchObject({ healthy: false, lastFailure: 'timeout' });
    expect(await registry.getSingleMetricAsString('insignia_chain_rpc_requests_total')).toContain(
      'method="getSlot"',
    );
  });

  it('waits out a 429 Retry-After and succeeds', async () => {
    const limited = await serve((n) => (n === 0 ? '429' : 'ok'));
    const chain = createChainRpc({
      urls: [limited.url],
      commitment: 'confirmed',
      timeoutMs: 2000,
      maxRetries: 2,
    });
    const started = Date.now();
    expect(await chain.rpc.getSlot().send()).toBe(77n);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(limited.hits()).toBe(2);
  });

  it('gives up after maxRetries with a retryable error when every endpoint returns 5xx', async () => {
    const broken = await serve(() => '500');
    const chain = createChainRpc({
      urls: [broken.url],
      commitment: 'confirmed',
      timeoutMs: 500,
      maxRetries: 2,
      backoff: { baseMs: 10, maxMs: 40 },
    });
    const error: unknown = await chain.rpc
      .getSlot()
      .send()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isAppError(error, 'CHAIN__RPC_UNAVAILABLE') && isRetryableError(error)).toBe(true);
    expect(broken.hits()).toBe(3);
  });

  it('carries the compute budget setting for builders', () => {
    const chain = createChainRpc({
      urls: ['http://127.0.0.1:1'],
      commitment: 'confirmed',
      timeoutMs: 100,
      maxRetries: 0,
      computeUnitPriceMicroLamports: 5,
      computeUnitLimit: 200_000,
    });
    expect(chain.computeBudget).toEqual({ unitPriceMicroLamports: 5n, unitLimit: 200_000 });
  });
});
