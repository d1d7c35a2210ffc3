import { createHmac, timingSafeEqual } from 'node:crypto';
import { signedPayload } from './sign-webhook.ts';

export type WebhookVerification =
  { ok: true } | { ok: false; reason: 'malformed' | 'timestamp_out_of_tolerance' | 'signature_mismatch' };

/**
 * The check a webhook receiver runs (see README.md): the timestamp is within
 * `toleranceSeconds` of now (a captured request cannot be replayed later), and one of the
 * `v1=` signatures equals HMAC-SHA256(secret, `${timestamp}.${rawBody}`), compared in
 * constant time. `rawBody` must be the bytes as received, before any JSON parsing.
 * Several `v1=` values (comma-separated) may be present while a secret is being rotated.
 */
export function verifyWebhookSignature(input: {
  secret: string;
  timestamp: string | number | undefined;
  rawBody: string | Uint8Array;
  signatureHeader: string | undefined;
  toleranceSeconds?: number;
  now?: Date;
}): WebhookVerification {
  const { secret, rawBody, signatureHeader, toleranceSeconds = 300, now = new Date() } = input;
  const timestamp = String(input.timestamp ?? '');
  if (!/^\d{1,12}$/.test(timestamp) || !signatureHeader) return { ok: false, reason: 'malformed' };
  const candidates = signatureHeader
    .split(',')
    .map((part) => part.trim())
    .filter((part) => /^v1=[0-9a-f]{64}$/i.test(part))
    .map((part) => Buffer.from(part.slice(3), 'hex'));
  if (candidates.length === 0) return { ok: false, reason: 'malformed' };
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > toleranceSeconds) {
    return { ok: false, reason: 'timestamp_out_of_tolerance' };
  }
  const expected = createHmac('sha256', secret).update(signedPayload(timestamp, rawBody)).digest();
  // Every candidate is compared (no early exit), each in constant time.
  let match = false;
  for (const candidate of candidates) match = timingSafeEqual(candidate, expected) || match;
  return match ? { ok: true } : { ok: false, reason: 'signature_mismatch' };
}
