import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../apps/server/src/test-support/test-app.ts';
import { newChainUser } from '../apps/server/src/test-support/test-chain-user.ts';
import { signWebhook } from '../apps/server/src/webhooks/sign-webhook.ts';
import {
  verifyWebhookSignature,
  type WebhookHeaders,
} from '../apps/server/src/webhooks/verify-webhook-signature.ts';
import { countCase, printCaseCounts } from './helpers/case-counter.ts';
import { maybeUnset } from './helpers/maybe-unset.ts';
import { startWebhookReceiver, type ReceivedWebhook } from './helpers/webhook-receiver.ts';

const SUITE = 'security: webhook signatures';

/**
 * A receiver that follows webhooks/README.md accepts exactly what the server sent and nothing
 * else: the deliveries here are real ones, captured on the wire from the running app, sent to
 * two destinations (two events webhooks) that each hold their own secret.
 */
describe('webhook signatures: a real delivery verifies; any tampering does not', () => {
  let t: TestApp;
  let first: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let second: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let delivery: ReceivedWebhook;
  let secret: string;
  beforeAll(async () => {
    first = await startWebhookReceiver();
    second = await startWebhookReceiver();
    t = await createTestApp({ EVENTS_WEBHOOK_URLS: `${first.url},${second.url}` });
    secret = t.ctx.webhooks.secretFor(first.url);
    const u = await newChainUser(t, { volumeUsd: '100000' });
    const prepared = (await u.call('POST', '/api/nft/unlock')).json();
    await u.call('POST', `/api/nft/requests/${prepared.requestId}/submit`, {
      signedTransaction: await u.sign(prepared),
    });
    await t.ctx.events.relay.drain();
    await t.ctx.webhooks.processDue();
    delivery = first.received.find((r) => r.headers['x-insignia-event'] === 'nft.claim_success')!;
  });
  afterAll(async () => {
    await maybeUnset(t)?.close();
    await maybeUnset(first)?.close();
    await maybeUnset(second)?.close();
    printCaseCounts(SUITE);
  });

  const check = (
    overrides: { headers?: WebhookHeaders } & Partial<Parameters<typeof verifyWebhookSignature>[0]> = {},
  ) => {
    countCase(SUITE);
    return verifyWebhookSignature({
      secret,
      rawBody: delivery.rawBody,
      ...overrides,
      headers: { ...delivery.headers, ...overrides.headers },
    });
  };
  const header = (name: string) => delivery.headers[name] as string;

  it('the delivery as received verifies', () => {
    expect(delivery).toBeDefined();
    expect(check()).toEqual({ ok: true });
  });

  it('a changed body, a re-serialised body or a moved timestamp no longer matches', () => {
    const tampered = Buffer.from(delivery.rawBody);
    tampered.writeUInt8(tampered.readUInt8(tampered.length - 3) ^ 1, tampered.length - 3);
    expect(check({ rawBody: tampered })).toEqual({ ok: false, reason: 'signature_mismatch' });
    const reformatted = JSON.stringify(JSON.parse(delivery.rawBody.toString()), null, 1);
    expect(check({ rawBody: reformatted })).toEqual({ ok: false, reason: 'signature_mismatch' });
    const moved = String(Number(header('x-insignia-timestamp')) + 1);
    expect(check({ headers: { 'x-insignia-timestamp': moved } })).toEqual({
      ok: false,
      reason: 'signature_mismatch',
    });
  });

  it('a replay with another delivery id, event type or event id is refused', () => {
    // A new delivery id slips past a receiver's dedupe; a new event type makes it act otherwise.
    const other = second.received.find((r) => r.headers['x-insignia-event'] !== 'nft.claim_success');
    const otherEvent = other?.headers['x-insignia-event'];
    for (const headers of [
      { 'x-insignia-delivery': crypto.randomUUID() },
      { 'x-insignia-event': 'claim.requested' },
      { 'x-insignia-event': typeof otherEvent === 'string' ? otherEvent : 'nft.level_up' },
      { 'x-insignia-event-id': crypto.randomUUID() },
      { 'x-insignia-event-id': undefined },
    ]) {
      expect(check({ headers }), JSON.stringify(headers)).toEqual({
        ok: false,
        reason: 'signature_mismatch',
      });
    }
  });

  it('each destination has its own secret: a delivery captured at one does not verify at the other', () => {
    const atSecond = second.received.find((r) => r.headers['x-insignia-event'] === 'nft.claim_success')!;
    expect(atSecond).toBeDefined();
    const secondSecret = t.ctx.webhooks.secretFor(second.url);
    expect(secondSecret).not.toBe(secret);
    expect(secret).not.toContain(t.ctx.config.webhookSecret);
    // Each verifies with its own secret...
    expect(check({ secret: secondSecret, headers: atSecond.headers, rawBody: atSecond.rawBody })).toEqual({
      ok: true,
    });
    // ...and what the first received, replayed to the second, fails there (and vice versa).
    expect(check({ secret: secondSecret })).toEqual({ ok: false, reason: 'signature_mismatch' });
    expect(check({ headers: atSecond.headers, rawBody: atSecond.rawBody })).toEqual({
      ok: false,
      reason: 'signature_mismatch',
    });
    // The master secret itself signs for no destination.
    expect(check({ secret: t.ctx.config.webhookSecret })).toEqual({
      ok: false,
      reason: 'signature_mismatch',
    });
  });

  it('the admin console lists each destination with its secret; only admins may see it', async () => {
    const admin = await t.newAdmin();
    const listed = await t.app.inject({
      url: '/api/admin/webhooks/destinations',
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(listed.statusCode).toBe(200);
    const items = listed.json().items as Array<{ url: string; purpose: string; secret: string }>;
    expect(items.map((d) => [d.url, d.purpose])).toEqual([
      [first.url, 'events'],
      [second.url, 'events'],
    ]);
    // The secret shown for a destination is the one that verifies what it received.
    expect(check({ secret: items[0]!.secret })).toEqual({ ok: true });
    const user = await t.newUser();
    for (const headers of [{}, { authorization: `Bearer ${user.token}` }]) {
      countCase(SUITE);
      const res = await t.app.inject({ url: '/api/admin/webhooks/destinations', headers });
      expect([401, 403]).toContain(res.statusCode);
      expect(res.body).not.toContain('whsec_');
    }
  });

  it('a signature made with another secret, or with one digit changed, does not match', () => {
    const other = signWebhook({
      secret: 'not-the-secret-at-all',
      deliveryId: header('x-insignia-delivery'),
      eventType: header('x-insignia-event'),
      eventId: header('x-insignia-event-id'),
      timestamp: header('x-insignia-timestamp'),
      rawBody: delivery.rawBody,
    });
    const sig = (value: string) => ({ headers: { 'x-insignia-signature': value } });
    expect(check(sig(other))).toEqual({ ok: false, reason: 'signature_mismatch' });
    const real = header('x-insignia-signature');
    const flipped = real.slice(0, -1) + (real.endsWith('0') ? '1' : '0');
    expect(check(sig(flipped))).toEqual({ ok: false, reason: 'signature_mismatch' });
    // During a secret rotation a wrong value next to the right one still verifies.
    expect(check(sig(`${other}, ${real}`))).toEqual({ ok: true });
  });

  it('a captured delivery replayed later, or a malformed header, is refused', () => {
    const sentAt = Number(header('x-insignia-timestamp')) * 1000;
    expect(check({ now: new Date(sentAt + 6 * 60_000) })).toEqual({
      ok: false,
      reason: 'timestamp_out_of_tolerance',
    });
    for (const bad of [undefined, '', 'v1=abc', 'v2=xyz', 'sha256=00']) {
      expect(check({ headers: { 'x-insignia-signature': bad } })).toEqual({ ok: false, reason: 'malformed' });
    }
    expect(check({ headers: { 'x-insignia-timestamp': 'yesterday' } })).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });
});
