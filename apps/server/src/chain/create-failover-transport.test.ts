import { SOLANA_ERROR__RPC__TRANSPORT_HTTP_ERROR, SolanaError, type RpcTransport } from '@solana/kit';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createFailoverTransport } from './create-failover-transport.ts';
import { createRpcMetrics } from './rpc-metrics.ts';
import { isAppError, isRetryableError } from '../errors/app-error.ts';

const ok = { jsonrpc: '2.0', id: 1, result: 42 };
const payload = { jsonrpc: '2.0', id: 1, method: 'getSlot', params: [] };
const http = (status: number, headers: Record<string, string> = {}) =>
  new SolanaError(SOLANA_ERROR__RPC__TRANSPORT_HTTP_ERROR, {
    headers: new Headers(headers),
    message: 'x',
    statusCode: status,
  });

/** Endpoint transports that play a script of outcomes per URL. */
function scripted(script: Record<string, (Error | object)[]>) {
  const calls: string[] = [];
  const createEndpointTransport = (url: string): RpcTransport =>
    (() => {
      calls.push(url);
      const next = script[url]!.length > 1 ? script[url]!.shift()! : script[url]![0]!;
      return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
    }) as RpcTransport;
  return { calls, createEndpointTransport };
}

function setup(script: Record<string, (Error | object)[]>, maxRetries = 3) {
  const s = scripted(script);
  const sleeps: number[] = [];
  const registry = new Registry();
  const transport = createFailoverTransport({
    urls: Object.keys(script),
    timeoutMs: 1000,
    maxRetries,
    metrics: createRpcMetrics(registry),
    createEndpointTransport: s.createEndpointTransport,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
  });
  return { ...s, sleeps, registry, transport };
}

describe('createFailoverTransport', () => {
  it('fails over to the next endpoint on a network error, without waiting', async () => {
    const t = setup({ 'http://a.test': [new TypeError('fetch failed')], 'http://b.test': [ok] });
    expect(await t.transport({ payload })).toEqual(ok);
    expect(t.calls).toEqual(['http://a.test', 'http://b.test']);
    expect(t.sleeps).toEqual([]);
    const [a, b] = t.transport.health();
    expect(a).toMatchObject({
      label: '0:a.test',
      healthy: false,
      consecutiveFailures: 1,
      lastFailure: 'network',
    });
    expect(b).toMatchObject({ healthy: true });
    // The next request skips the cooling endpoint.
    await t.transport({ payload });
    expect(t.calls.at(-1)).toBe('http://b.test');
  });

  it('honours 429 Retry-After, then succeeds on the same endpoint', async () => {
    const t = setup({ 'http://a.test': [http(429, { 'retry-after': '2' }), ok] });
    expect(await t.transport({ payload })).toEqual(ok);
    // The wait is measured from when the 429 arrived, so a busy machine shaves a few ms off.
    expect(t.sleeps).toHaveLength(1);
    expect(t.sleeps[0]).toBeGreaterThan(1_900);
    expect(t.sleeps[0]).toBeLessThanOrEqual(2_000);
  });

  it('backs off exponentially once every endpoint failed, then gives up with CHAIN__RPC_UNAVAILABLE', async () => {
    const t = setup({ 'http://a.test': [http(503)], 'http://b.test': [http(502)] }, 4);
    await expect(t.transport({ payload })).rejects.toSatisfy(
      (e) => isAppError(e, 'CHAIN__RPC_UNAVAILABLE') && isRetryableError(e),
    );
    expect(t.calls).toHaveLength(5);
    expect(t.sleeps.length).toBeGreaterThanOrEqual(2);
    expect(t.sleeps[1]!).toBeGreaterThanOrEqual(t.sleeps[0]!);
    const metrics = await t.registry.getSingleMetricAsString('insignia_chain_rpc_errors_total');
    expect(metrics).toContain('kind="http_5xx"');
  });

  it('treats "node unhealthy" JSON-RPC errors as an endpoint failure', async () => {
    const unhealthy = { jsonrpc: '2.0', id: 1, error: { code: -32005, message: 'Node is behind' } };
    const t = setup({ 'http://a.test': [unhealthy], 'http://b.test': [ok] });
    expect(await t.transport({ payload })).toEqual(ok);
  });

  it('returns other JSON-RPC errors (e.g. preflight failures) to kit untouched', async () => {
    const preflight = { jsonrpc: '2.0', id: 1, error: { code: -32002, message: 'sim failed', data: {} } };
    const t = setup({ 'http://a.test': [preflight], 'http://b.test': [ok] });
    expect(await t.transport({ payload })).toEqual(preflight);
  });

  it('a 400 is final: CHAIN__RPC_REJECTED without trying other endpoints', async () => {
    const t = setup({ 'http://a.test': [http(400)], 'http://b.test': [ok] });
    await expect(t.transport({ payload })).rejects.toSatisfy(
      (e) => isAppError(e, 'CHAIN__RPC_REJECTED') && !isRetryableError(e),
    );
    expect(t.calls).toEqual(['http://a.test']);
  });

  it('a 401/403 from one provider fails over (misconfigured endpoint)', async () => {
    const t = setup({ 'http://a.test': [http(403)], 'http://b.test': [ok] });
    expect(await t.transport({ payload })).toEqual(ok);
  });

  it('stops at once when the caller aborts', async () => {
    const t = setup({ 'http://a.test': [new TypeError('fetch failed')], 'http://b.test': [ok] });
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(t.transport({ payload, signal: controller.signal })).rejects.toThrow('stop');
  });

  it('labels endpoints by index and host only (no API keys in metrics)', async () => {
    const t = setup({ 'https://rpc.example.com/secret-key?api-key=abc': [ok] });
    await t.transport({ payload });
    const text = await t.registry.metrics();
    expect(text).toContain('endpoint="0:rpc.example.com"');
    expect(text).not.toContain('secret-key');
    expect(text).not.toContain('abc');
  });
});
