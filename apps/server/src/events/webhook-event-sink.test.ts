import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { testDatabaseKind } from '../test-support/test-database.ts';
import { verifyWebhookSignature } from '../webhooks/verify-webhook-signature.ts';
import { writeOutboxEvent } from './outbox-store.ts';

describe(`domain events as signed webhooks (${testDatabaseKind()})`, () => {
  const received: Array<{ headers: IncomingMessage['headers']; body: string }> = [];
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/events`;
    t = await createTestApp({ EVENTS_WEBHOOK_URLS: url });
  });
  afterAll(async () => {
    await t.close();
    receiver.close();
  });

  it('delivers each event once, signed, even when the relay republishes the batch', async () => {
    await t.ctx.database.db.transaction((tx) =>
      writeOutboxEvent(tx, {
        topic: 'insignia.nft',
        type: 'nft.claim_success',
        key: 'user-1',
        payload: { level: 1 },
      }),
    );
    await t.ctx.events.relay.drain();
    await t.ctx.webhooks.processDue();
    expect(received).toHaveLength(1);
    const [delivery] = received;
    const verdict = verifyWebhookSignature({
      secret: t.ctx.webhooks.secretFor(url),
      headers: delivery!.headers,
      rawBody: delivery!.body,
    });
    expect(verdict).toEqual({ ok: true });
    expect(JSON.parse(delivery!.body)).toMatchObject({
      type: 'nft.claim_success',
      key: 'user-1',
      payload: { level: 1 },
    });
    expect(delivery!.headers['x-insignia-event']).toBe('nft.claim_success');

    // Nothing new to relay or deliver: no duplicate.
    await t.ctx.events.relay.drain();
    await t.ctx.webhooks.processDue();
    expect(received).toHaveLength(1);
  });
});
