import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { startDraining } from './shutdown-gate.ts';

/** A GET over the given agent, so a kept-alive connection is reused. */
function get(agent: Agent, port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

// Each case builds a whole app; on a busy machine that alone can take tens of seconds.
describe('responses while the server shuts down', { timeout: 90_000 }, () => {
  let t: TestApp | undefined;
  // Built under the hook timeout: on a busy machine building the app can take a while.
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('answers a request that arrives during shutdown with the one error body', async () => {
    if (!t) throw new Error('no app');
    // Shutdown waits here (as draining work would) until the test has sent its request.
    let closingStarted!: () => void;
    const closing = new Promise<void>((resolve) => (closingStarted = resolve));
    let finishDraining!: () => void;
    const drained = new Promise<void>((resolve) => (finishDraining = resolve));
    t.app.addHook('preClose', async () => {
      closingStarted();
      await drained;
    });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const port = (t.app.server.address() as { port: number }).port;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });

    expect((await get(agent, port, '/healthz')).status).toBe(200);
    const closed = t.app.close();
    await closing;
    const during = await get(agent, port, '/healthz');
    finishDraining();
    await closed;
    agent.destroy();

    expect(during.status).toBe(503);
    expect(JSON.parse(during.body)).toEqual({
      error: { code: 'SERVICE__SHUTTING_DOWN', message: expect.any(String) as string },
    });
  });

  it('while draining: the port stays open, /readyz says 503, /healthz 200, new work 503; running requests finish', async () => {
    const d = await createTestApp();
    try {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      d.app.get('/slow-for-test', async () => {
        await held;
        return { ok: true };
      });
      const running = d.app.inject({ method: 'GET', url: '/slow-for-test' });
      await new Promise((r) => setTimeout(r, 50));
      let drained = false;
      const draining = startDraining(d.app).then(() => (drained = true));

      expect((await d.app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({
        status: 'unavailable',
        checks: { shutdown: 'unavailable' },
      });
      expect((await d.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);
      expect((await d.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      const refused = await d.app.inject({ method: 'GET', url: '/api/config/public' });
      expect(refused.statusCode).toBe(503);
      expect(refused.json().error.code).toBe('SERVICE__SHUTTING_DOWN');
      expect(drained).toBe(false);

      release();
      expect((await running).statusCode).toBe(200);
      await draining;
      expect(drained).toBe(true);
    } finally {
      await d.close();
    }
  });
});
