import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { webhookDeliveries } from '../events/events-schema.ts';
import { freePort } from '../test-support/free-port.ts';
import { createTestDatabase, testDatabaseKind } from '../test-support/test-database.ts';
import { deriveWebhookSecret } from './derive-webhook-secret.ts';
import { startWebhookWorker } from './start-webhook-worker.ts';
import { verifyWebhookSignature, type WebhookVerification } from './verify-webhook-signature.ts';
import { createWebhookSender, type WebhookSenderOptions } from './webhook-sender.ts';

const masterSecret = 'test-webhook-secret-0123456789';
const fastRetry = { baseMs: 1, maxMs: 5, maxAttempts: 3 };

interface Received {
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  verification: WebhookVerification;
}

/**
 * A real receiver: verifies each request with the documented recipe and its own destination
 * secret, answers `next status`.
 */
async function startReceiver() {
  const received: Received[] = [];
  const statuses: number[] = [];
  let secret = '';
  const server: Server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(parts);
      const verification = verifyWebhookSignature({ secret, headers: req.headers, rawBody });
      received.push({ headers: req.headers, rawBody, verification });
      const status = verification.ok ? (statuses.shift() ?? 200) : 401;
      res
        .writeHead(status, { 'content-type': 'text/plain' })
        .end(status < 300 ? 'ok '.repeat(1_000) : 'busy');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/insignia`;
  secret = deriveWebhookSecret(masterSecret, url);
  return {
    url,
    secret,
    received,
    statuses,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe(`webhook sender (${testDatabaseKind()})`, () => {
  let database: Database;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await database.close();
  });
  beforeEach(() => {
    receiver.received.length = 0;
    receiver.statuses.length = 0;
  });

  const sender = (extra: Partial<WebhookSenderOptions> = {}) =>
    createWebhookSender({
      db: database.db,
      masterSecret,
      logger: pino({ level: 'silent' }),
      retry: fastRetry,
      ...extra,
    });
  const row = async (id: string) =>
    (await database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)))[0]!;
  const drain = async (s: ReturnType<typeof sender>, id: string) => {
    for (let i = 0; i < 50 && (await row(id)).status === 'pending'; i++) {
      await s.processDue();
      await sleep(10);
    }
    return row(id);
  };
  const claim = (dedupeKey = randomUUID()) => ({
    url: receiver.url,
    eventType: 'claim.requested',
    eventId: randomUUID(),
    payload: {
      claimId: 'c-1',
      userId: 'u-1',
      issuanceIds: ['i-1', 'i-2'],
      wallet: '9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM',
    },
    dedupeKey,
  });

  it('POSTs signed JSON that the receiver verifies, and records the delivery', async () => {
    const s = sender();
    const input = claim();
    const { id } = await s.enqueue(input);
    expect(await s.processDue()).toEqual({ claimed: 1, delivered: 1, retrying: 0, failed: 0 });
    expect(receiver.received).toHaveLength(1);
    const got = receiver.received[0]!;
    expect(got.verification).toEqual({ ok: true });
    expect(JSON.parse(got.rawBody.toString())).toEqual(input.payload);
    expect(got.headers).toMatchObject({
      'content-type': 'application/json',
      'x-insignia-event': 'claim.requested',
      'x-insignia-delivery': id,
      'x-insignia-event-id': input.eventId,
    });
    expect(Math.abs(Number(got.headers['x-insignia-timestamp']) - Date.now() / 1000)).toBeLessThan(5);
    const delivered = await row(id);
    expect(delivered).toMatchObject({
      status: 'delivered',
      attempts: 1,
      responseStatus: 200,
      lastError: null,
    });
    expect(delivered.responseBody).toHaveLength(2_048);
    expect(delivered.deliveredAt).toBeInstanceOf(Date);
  });

  it("delivers a new event at once when this process's clock runs behind the database's", async () => {
    // The database stamps now() with microseconds and may run on another machine's clock.
    const s = sender({ now: () => new Date(Date.now() - 2_000) });
    await s.enqueue(claim());
    expect(await s.processDue()).toMatchObject({ claimed: 1, delivered: 1 });
  });

  it('fails verification when the body is tampered with or the request is old', async () => {
    // Capture a genuine request first, then replay it altered.
    const s = sender();
    await s.enqueue(claim());
    await s.processDue();
    const { headers, rawBody } = receiver.received[0]!;
    const base = { secret: receiver.secret, headers };
    expect(verifyWebhookSignature({ ...base, rawBody }).ok).toBe(true);
    const tampered = Buffer.from(rawBody.toString().replace('"c-1"', '"c-2"'));
    expect(verifyWebhookSignature({ ...base, rawBody: tampered })).toEqual({
      ok: false,
      reason: 'signature_mismatch',
    });
    const inTenMinutes = new Date(Date.now() + 600_000);
    expect(verifyWebhookSignature({ ...base, rawBody, now: inTenMinutes })).toEqual({
      ok: false,
      reason: 'timestamp_out_of_tolerance',
    });
  });

  it('retries after a 500 and delivers on a later attempt, every attempt recorded', async () => {
    const s = sender();
    receiver.statuses.push(500, 503);
    const { id } = await s.enqueue(claim());
    expect(await s.processDue()).toMatchObject({ retrying: 1 });
    expect(await row(id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      responseStatus: 500,
      lastError: 'HTTP 500',
      responseBody: 'busy',
    });
    const done = await drain(s, id);
    expect(done).toMatchObject({ status: 'delivered', attempts: 3, responseStatus: 200, lastError: null });
    expect(receiver.received.map((r) => r.verification.ok)).toEqual([true, true, true]);
    // Each attempt is signed afresh with its own timestamp, for the same delivery id.
    expect(new Set(receiver.received.map((r) => r.headers['x-insignia-delivery']))).toEqual(new Set([id]));
  });

  it('marks a delivery to a dead receiver failed after its attempts, with the last error', async () => {
    const s = sender();
    const { id } = await s.enqueue({ ...claim(), url: `http://127.0.0.1:${await freePort()}/gone` });
    const failed = await drain(s, id);
    expect(failed).toMatchObject({
      status: 'failed',
      attempts: 3,
      responseStatus: null,
      nextAttemptAt: null,
    });
    expect(failed.lastError).toMatch(/ECONNREFUSED/);
  });

  it('times out a receiver that never answers', async () => {
    const hang = createServer(() => undefined);
    await new Promise<void>((resolve) => hang.listen(0, '127.0.0.1', resolve));
    const s = sender({ timeoutMs: 100, retry: { ...fastRetry, maxAttempts: 1 } });
    const { id } = await s.enqueue({
      ...claim(),
      url: `http://127.0.0.1:${(hang.address() as AddressInfo).port}/`,
    });
    expect(await s.processDue()).toMatchObject({ failed: 1 });
    expect((await row(id)).lastError).toBe('timed out after 100 ms');
    hang.closeAllConnections();
    await new Promise<void>((resolve) => hang.close(() => resolve()));
  });

  it('is idempotent by dedupe key, joins the caller transaction, and never double-sends across workers', async () => {
    const [a, b] = [sender(), sender()];
    const key = randomUUID();
    const first = await a.enqueue(claim(key));
    expect(await a.enqueue(claim(key))).toEqual({ id: first.id, created: false });
    const rolledBack = randomUUID();
    await database.db
      .transaction(async (tx) => {
        await a.enqueue(claim(rolledBack), { tx });
        throw new Error('claim failed');
      })
      .catch(() => undefined);
    expect(
      await database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.dedupeKey, rolledBack)),
    ).toEqual([]);
    for (let i = 0; i < 5; i++) await a.enqueue(claim());
    await Promise.all([a.processDue({ limit: 4 }), b.processDue({ limit: 4 })]);
    await a.processDue();
    expect(receiver.received).toHaveLength(6);
    expect(new Set(receiver.received.map((r) => r.headers['x-insignia-delivery'])).size).toBe(6);
  });

  it('stores a reply that PostgreSQL text could not hold (NUL bytes) without breaking the update', async () => {
    const s = sender({ fetch: () => Promise.resolve(new Response('ok\u0000done', { status: 202 })) });
    const { id } = await s.enqueue(claim());
    await s.processDue();
    expect(await row(id)).toMatchObject({ status: 'delivered', responseStatus: 202, responseBody: 'okdone' });
  });

  it('refuses a non-HTTP URL at enqueue', async () => {
    await expect(sender().enqueue({ ...claim(), url: 'file:///etc/passwd' })).rejects.toThrow();
  });

  it('runs as a worker loop until stopped', async () => {
    const s = sender();
    const worker = startWebhookWorker({ sender: s, intervalMs: 20, logger: pino({ level: 'silent' }) });
    const { id } = await s.enqueue(claim());
    for (let i = 0; i < 100 && (await row(id)).status !== 'delivered'; i++) await sleep(20);
    await worker.stop();
    expect((await row(id)).status).toBe('delivered');
  });
});
