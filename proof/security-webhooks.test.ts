import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../apps/server/src/test-support/test-app.ts';
import { newChainUser } from '../apps/server/src/test-support/test-chain-user.ts';
import { signWebhook } from '../apps/server/src/webhooks/sign-webhook.ts';
import { verifyWebhookSignature } from '../apps/server/src/webhooks/verify-webhook-signature.ts';
import { countCase, printCaseCounts } from './helpers/case-counter.ts';
import { startWebhookReceiver, type ReceivedWebhook } from './helpers/webhook-receiver.ts';

const SUITE = 'security: webhook signatures';

/**
 * A receiver that follows webhooks/README.md accepts exactly what the server sent and nothing
 * else: the deliveries here are real ones, captured on the wire from the running app.
 */
describe('webhook signatures: a real delivery verifies; any tampering does not', () => {
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let delivery: ReceivedWebhook;
  let secret: string;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    t = await createTestApp({ EVENTS_WEBHOOK_URLS: receiver.url });
    secret = t.ctx.config.webhookSecret;
    const u = await newChainUser(t, { volumeUsd: '100000' });
    const prepared = (await u.call('POST', '/api/nft/unlock')).json();
    await u.call('POST', `/api/nft/requests/${prepared.requestId}/submit`, {
      signedTransaction: await u.sign(prepared),
    });
    await t.ctx.events.relay.drain();
    await t.ctx.webhooks.processDue();
    delivery = receiver.received.find((r) => r.headers['x-insignia-event'] === 'nft.claim_success')!;
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
    printCaseCounts(SUITE);
  });

  const check = (overrides: Partial<Parameters<typeof verifyWebhookSignature>[0]> = {}) => {
    countCase(SUITE);
    return verifyWebhookSignature({
      secret,
      timestamp: delivery.headers['x-insignia-timestamp'] as string,
      rawBody: delivery.rawBody,
      signatureHeader: delivery.headers['x-insignia-signature'] as string,
      ...overrides,
    });
  };

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
    const moved = String(Number(delivery.headers['x-insignia-timestamp']) + 1);
    expect(check({ timestamp: moved })).toEqual({ ok: false, reason: 'signature_mismatch' });
  });

  it('a signature made with another secret, or with one digit changed, does not match', () => {
    const other = signWebhook({
      secret: 'not-the-secret-at-all',
      timestamp: delivery.headers['x-insignia-timestamp'] as string,
      rawBody: delivery.rawBody,
    });
    expect(check({ signatureHeader: other })).toEqual({ ok: false, reason: 'signature_mismatch' });
    const header = delivery.headers['x-insignia-signature'] as string;
    const flipped = header.slice(0, -1) + (header.endsWith('0') ? '1' : '0');
    expect(check({ signatureHeader: flipped })).toEqual({ ok: false, reason: 'signature_mismatch' });
    // During a secret rotation a wrong value next to the right one still verifies.
    expect(check({ signatureHeader: `${other}, ${header}` })).toEqual({ ok: true });
  });

  it('a captured delivery replayed later, or a malformed header, is refused', () => {
    const sentAt = Number(delivery.headers['x-insignia-timestamp']) * 1000;
    expect(check({ now: new Date(sentAt + 6 * 60_000) })).toEqual({
      ok: false,
      reason: 'timestamp_out_of_tolerance',
    });
    for (const bad of [undefined, '', 'v2=abc', 'v1=xyz', 'sha256=00']) {
      expect(check({ signatureHeader: bad })).toEqual({ ok: false, reason: 'malformed' });
    }
    expect(check({ timestamp: 'yesterday' })).toEqual({ ok: false, reason: 'malformed' });
  });
});
