import { pino } from 'pino';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { describeWithRedis } from '../test-support/test-services.ts';
import { writeOutboxEvent } from '../events/outbox-store.ts';
import { createLiveHub } from './live-hub.ts';

/** Opens a socket and collects its messages; resolves once the server said `ready`. */
async function connect(url: string) {
  const ws = new WebSocket(url);
  const messages: Array<{ event: string; data: Record<string, unknown> }> = [];
  await new Promise<void>((resolve, reject) => {
    ws.on('message', (raw) => {
      // ws delivers each text frame as one Buffer.
      const msg = JSON.parse((raw as Buffer).toString());
      if (msg.event === 'ready') resolve();
      else messages.push(msg);
    });
    ws.on('error', reject);
    ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  const next = async (event: string, timeoutMs = 5000) => {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const found = messages.find((m) => m.event === event);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no ${event} within ${timeoutMs} ms`);
  };
  return { ws, messages, next };
}

async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  return `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

describe('live updates over /api/ws', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp();
    base = await listen(t);
  });
  afterAll(async () => t.close());

  it('refuses a connection without a valid token', async () => {
    await expect(connect(`${base}/api/ws?token=not-a-real-token-at-all`)).rejects.toThrow('HTTP 401');
    await expect(connect(`${base}/api/ws`)).rejects.toThrow('HTTP 400');
  });

  it('pushes a user only their own events, and admins the admin events', async () => {
    const alice = await t.newUser();
    const bob = await t.newUser();
    const admin = await t.newAdmin();
    const a = await connect(`${base}/api/ws?token=${alice.token}`);
    const b = await connect(`${base}/api/ws?token=${bob.token}`);
    const adm = await connect(`${base}/api/ws?token=${admin.token}`);

    await t.ctx.database.db.transaction(async (tx) => {
      await writeOutboxEvent(tx, {
        topic: 'insignia.nft',
        type: 'nft.claim_success',
        key: alice.user.id,
        payload: { requestId: 'r1', level: 1 },
      });
      await writeOutboxEvent(tx, {
        topic: 'insignia.claims',
        type: 'claim.requested',
        key: bob.user.id,
        payload: { claimId: 'c1' },
      });
    });
    await t.ctx.events.relay.drain();

    expect((await a.next('nft:claim_success')).data).toEqual({ requestId: 'r1', level: 1 });
    expect((await adm.next('claim:requested')).data).toEqual({ claimId: 'c1' });
    await new Promise((r) => setTimeout(r, 200));
    expect(b.messages).toEqual([]);
    expect(a.messages.map((m) => m.event)).toEqual(['nft:claim_success']);
    [a, b, adm].forEach((c) => c.ws.close());
  });
});

describeWithRedis('live updates across two instances through Redis', (redisUrl) => {
  let one: TestApp;
  let two: TestApp;
  beforeAll(async () => {
    one = await createTestApp({ REDIS_URL: redisUrl });
    two = await createTestApp({ REDIS_URL: redisUrl, JWT_SECRET: one.ctx.config.jwtSecret });
    await Promise.all([one.ctx.live.ready(), two.ctx.live.ready()]);
  });
  afterAll(async () => {
    await one.close();
    await two.close();
  });

  it('delivers an event published by one instance to a client connected to the other', async () => {
    const base2 = await listen(two);
    const user = await one.newUser();
    // The account lives in instance one's database; instance two shares the JWT secret, and here
    // it must also find the user, so register the same id there.
    await two.ctx.database.db
      .insert((await import('../auth/auth-schema.ts')).users)
      .values({ id: user.user.id, email: user.user.email });
    // ... and the session the token was issued under.
    const { sid } = JSON.parse(Buffer.from(user.token.split('.')[1]!, 'base64url').toString());
    await two.ctx.database.db
      .insert((await import('../auth/sessions-schema.ts')).userSessions)
      .values({ id: sid, userId: user.user.id, expiresAt: new Date(Date.now() + 60_000) });
    const client = await connect(`${base2}/api/ws?token=${user.token}`);
    await one.ctx.live.publish({
      audience: { userId: user.user.id },
      event: 'nft:upgrade_complete',
      data: { requestId: 'r1', level: 2 },
      id: 'evt-1',
    });
    expect((await client.next('nft:upgrade_complete')).data).toEqual({ requestId: 'r1', level: 2 });
    client.ws.close();
  });

  it('without Redis, hubs stay local to their instance', async () => {
    const local = createLiveHub({ logger: pino({ level: 'silent' }), metrics: new Registry() });
    const got: string[] = [];
    local.attach({ userId: 'u', role: 'user', send: (t) => got.push(t), close: () => undefined });
    await local.publish({ audience: { userId: 'u' }, event: 'nft:status_changed', data: {}, id: '1' });
    expect(got).toHaveLength(1);
    const r = new Redis(redisUrl);
    expect(await r.pubsub('NUMSUB', 'insignia:live')).toBeDefined();
    r.disconnect();
  });
});
