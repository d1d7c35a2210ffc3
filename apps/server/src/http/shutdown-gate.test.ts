import { Agent, request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';

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

describe('responses while the server shuts down', () => {
  let t: TestApp | undefined;
  afterAll(async () => t?.close());

  it('answers a request that arrives during shutdown with the one error body', async () => {
    t = await createTestApp();
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
});
