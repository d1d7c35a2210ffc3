import { describe, expect, it } from 'vitest';
import { signWebhook } from './sign-webhook.ts';
import { verifyWebhookSignature } from './verify-webhook-signature.ts';

const secret = 'whsec_test_secret_value';
const now = new Date('2026-03-01T12:00:00Z');
const timestamp = Math.floor(now.getTime() / 1000);
const rawBody = '{"claimId":"c1","issuanceIds":["i1","i2"]}';
const signatureHeader = signWebhook({ secret, timestamp, rawBody });

describe('webhook signature recipe', () => {
  it('accepts the signature the sender made, as string or bytes', () => {
    expect(signatureHeader).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(
      verifyWebhookSignature({ secret, timestamp: String(timestamp), rawBody, signatureHeader, now }),
    ).toEqual({ ok: true });
    expect(
      verifyWebhookSignature({ secret, timestamp, rawBody: Buffer.from(rawBody), signatureHeader, now }).ok,
    ).toBe(true);
  });

  it('matches an HMAC computed independently', async () => {
    const { createHmac } = await import('node:crypto');
    const hex = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
    expect(signatureHeader).toBe(`v1=${hex}`);
  });

  it.each([
    ['a tampered body', { rawBody: rawBody.replace('i2', 'i3') }, 'signature_mismatch'],
    ['another secret', { secret: 'someone else' }, 'signature_mismatch'],
    ['a timestamp swapped for a fresh one', { timestamp: timestamp + 1 }, 'signature_mismatch'],
    ['an old request replayed', { now: new Date(now.getTime() + 301_000) }, 'timestamp_out_of_tolerance'],
    ['a timestamp from the future', { now: new Date(now.getTime() - 301_000) }, 'timestamp_out_of_tolerance'],
    ['no signature', { signatureHeader: undefined }, 'malformed'],
    ['a v0 signature', { signatureHeader: signatureHeader.replace('v1=', 'v0=') }, 'malformed'],
    ['a non-numeric timestamp', { timestamp: '12abc' }, 'malformed'],
  ])('refuses %s', (_name, change, reason) => {
    expect(verifyWebhookSignature({ secret, timestamp, rawBody, signatureHeader, now, ...change })).toEqual({
      ok: false,
      reason,
    });
  });

  it('accepts any of several v1 signatures (secret rotation) and honours a custom tolerance', () => {
    const rotated = `${signWebhook({ secret: 'old secret', timestamp, rawBody })}, ${signatureHeader}`;
    expect(verifyWebhookSignature({ secret, timestamp, rawBody, signatureHeader: rotated, now }).ok).toBe(
      true,
    );
    const later = new Date(now.getTime() + 30_000);
    expect(
      verifyWebhookSignature({
        secret,
        timestamp,
        rawBody,
        signatureHeader,
        now: later,
        toleranceSeconds: 10,
      }).ok,
    ).toBe(false);
  });
});
