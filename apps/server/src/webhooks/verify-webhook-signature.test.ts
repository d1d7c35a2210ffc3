import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveWebhookSecret } from './derive-webhook-secret.ts';
import { signWebhook } from './sign-webhook.ts';
import { verifyWebhookSignature, type WebhookHeaders } from './verify-webhook-signature.ts';

const secret = deriveWebhookSecret('whsec_test_master_value', 'https://hooks.example/insignia');
const now = new Date('2026-03-01T12:00:00Z');
const timestamp = Math.floor(now.getTime() / 1000);
const rawBody = '{"claimId":"c1","issuanceIds":["i1","i2"]}';
const deliveryId = '0b6c1c2e-6f53-4bb5-9d43-2f0e0c4f7a10';
const eventId = '5f0d8c6a-2c1b-4f7e-8d7a-0e6b9b1a4c22';
const eventType = 'claim.requested';
const signature = signWebhook({ secret, deliveryId, eventType, eventId, timestamp, rawBody });
const headers: WebhookHeaders = {
  'x-insignia-delivery': deliveryId,
  'x-insignia-event': eventType,
  'x-insignia-event-id': eventId,
  'x-insignia-timestamp': String(timestamp),
  'x-insignia-signature': signature,
};
const verify = (changes: Partial<Parameters<typeof verifyWebhookSignature>[0]> = {}) =>
  verifyWebhookSignature({ secret, headers, rawBody, now, ...changes });
const withHeaders = (changes: WebhookHeaders) => verify({ headers: { ...headers, ...changes } });

describe('webhook signature recipe', () => {
  it('accepts the signature the sender made, with the body as string or bytes', () => {
    expect(signature).toMatch(/^v2=[0-9a-f]{64}$/);
    expect(verify()).toEqual({ ok: true });
    expect(verify({ rawBody: Buffer.from(rawBody) }).ok).toBe(true);
  });

  it('matches an HMAC computed independently, as README.md describes it', () => {
    const signed = `v2\n${deliveryId}\n${eventType}\n${eventId}\n${timestamp}\n${rawBody}`;
    expect(signature).toBe(`v2=${createHmac('sha256', secret).update(signed).digest('hex')}`);
  });

  it('signs a missing event id as empty: adding one breaks the signature', () => {
    const { 'x-insignia-event-id': _omitted, ...noEventId } = headers;
    const signed = signWebhook({ secret, deliveryId, eventType, timestamp, rawBody });
    const headersNoId = { ...noEventId, 'x-insignia-signature': signed };
    expect(verify({ headers: headersNoId })).toEqual({ ok: true });
    expect(verify({ headers: { ...headersNoId, 'x-insignia-event-id': eventId } })).toEqual({
      ok: false,
      reason: 'signature_mismatch',
    });
  });

  it.each([
    ['a tampered body', () => verify({ rawBody: rawBody.replace('i2', 'i3') })],
    [
      'another destination’s secret',
      () => verify({ secret: deriveWebhookSecret('whsec_test_master_value', 'https://other.example/') }),
    ],
    ['the master secret itself', () => verify({ secret: 'whsec_test_master_value' })],
    [
      'a timestamp swapped for a fresh one',
      () => withHeaders({ 'x-insignia-timestamp': String(timestamp + 1) }),
    ],
    ['another delivery id', () => withHeaders({ 'x-insignia-delivery': eventId })],
    ['another event type', () => withHeaders({ 'x-insignia-event': 'claim.approved' })],
    ['another event id', () => withHeaders({ 'x-insignia-event-id': deliveryId })],
    ['no event id', () => withHeaders({ 'x-insignia-event-id': undefined })],
  ])('refuses %s as a signature mismatch', (_name, run) => {
    expect(run()).toEqual({ ok: false, reason: 'signature_mismatch' });
  });

  it.each([
    ['an old request replayed', { now: new Date(now.getTime() + 301_000) }],
    ['a timestamp from the future', { now: new Date(now.getTime() - 301_000) }],
  ])('refuses %s as out of tolerance', (_name, change) => {
    expect(verify(change)).toEqual({ ok: false, reason: 'timestamp_out_of_tolerance' });
  });

  it.each([
    ['no signature', { 'x-insignia-signature': undefined }],
    ['a v1 signature', { 'x-insignia-signature': signature.replace('v2=', 'v1=') }],
    ['a non-numeric timestamp', { 'x-insignia-timestamp': '12abc' }],
    ['no delivery id', { 'x-insignia-delivery': undefined }],
    ['a line break in the event type', { 'x-insignia-event': 'claim\nrequested' }],
    ['a repeated header', { 'x-insignia-event': [eventType, eventType] }],
  ])('refuses %s as malformed', (_name, change) => {
    expect(withHeaders(change)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('accepts any of several v2 signatures (secret rotation) and honours a custom tolerance', () => {
    const old = signWebhook({ secret: 'old secret', deliveryId, eventType, eventId, timestamp, rawBody });
    expect(withHeaders({ 'x-insignia-signature': `${old}, ${signature}` }).ok).toBe(true);
    expect(verify({ now: new Date(now.getTime() + 30_000), toleranceSeconds: 10 }).ok).toBe(false);
  });

  it('derives one stable secret per destination URL, different for every destination', () => {
    const master = 'whsec_test_master_value';
    const a = deriveWebhookSecret(master, 'https://hooks.example/insignia');
    expect(a).toBe(secret);
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    // The same URL however it is spelt; another path, host or master gives another secret.
    expect(deriveWebhookSecret(master, 'HTTPS://HOOKS.example:443/insignia')).toBe(a);
    expect(deriveWebhookSecret(master, 'https://hooks.example/insignia2')).not.toBe(a);
    expect(deriveWebhookSecret(master, 'https://hooks.example.org/insignia')).not.toBe(a);
    expect(deriveWebhookSecret(`${master}x`, 'https://hooks.example/insignia')).not.toBe(a);
  });
});
