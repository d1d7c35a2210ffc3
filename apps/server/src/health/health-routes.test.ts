import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { testDatabaseKind } from '../test-support/test-database.ts';
import { describeWithRedis } from '../test-support/test-services.ts';

describe(`health, metrics and API docs (${testDatabaseKind()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('answers liveness and readiness with the database checked', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks).toEqual({ database: 'ok' });
  });

  it('reports not ready once the database is gone', async () => {
    const other = await createTestApp();
    await other.ctx.database.close();
    const ready = await other.app.inject('/readyz');
    expect(ready.statusCode).toBe(503);
    // Anonymous callers learn that it is down, not the driver's error text.
    expect(ready.json()).toEqual({ status: 'unavailable', checks: { database: 'unavailable' } });
    await other.app.close();
  });

  it('keeps /metrics to callers holding the metrics token', async () => {
    const token = t.ctx.config.metricsToken;
    for (const authorization of [undefined, 'Bearer wrong-token-wrong-token', token, `Bearer ${token}x`]) {
      const res = await t.app.inject({ url: '/metrics', headers: authorization ? { authorization } : {} });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('AUTH__INVALID_METRICS_TOKEN');
      expect(res.body).not.toContain('http_request_duration_seconds');
    }
  });

  it('exposes Prometheus metrics including request latency by route', async () => {
    await t.app.inject('/healthz');
    const res = await t.app.inject({
      url: '/metrics',
      headers: { authorization: `Bearer ${t.ctx.config.metricsToken}` },
    });
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} \d+/,
    );
  });

  it('serves an OpenAPI document listing the fixed API paths, and the docs UI', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json();
    for (const path of [
      '/api/auth/register',
      '/api/auth/login',
      '/api/me',
      '/api/auth/siws/challenge',
      '/api/me/wallet',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    const ui = await t.app.inject('/api/docs/');
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });

  it('echoes a sane x-request-id and replaces an unsafe one', async () => {
    const kept = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers['x-request-id']).toBe('abc-123');
    const replaced = await t.app.inject({
      url: '/healthz',
      headers: { 'x-request-id': 'bad id\n with spaces' },
    });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describeWithRedis('readiness and rate limits with Redis', (redisUrl) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ REDIS_URL: redisUrl, LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(async () => t.close());

  it('checks Redis in /readyz', async () => {
    const ready = await t.app.inject('/readyz');
    expect(ready.json().checks).toEqual({ database: 'ok', redis: 'ok' });
  });

  it('counts login attempts in Redis so every instance shares the limit', async () => {
    const ip = `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: ip,
        // A fresh address: Redis outlives test runs, and an account's backoff would carry over.
        payload: { email: `x-${ip}@example.com`, password: 'nope nope' },
      });
      codes.push(res.statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 429]);
    const keys = await t.ctx.redis!.keys('insignia:rl:*');
    expect(keys.length).toBeGreaterThan(0);
  });
});
