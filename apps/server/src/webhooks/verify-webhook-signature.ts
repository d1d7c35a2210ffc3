import { createHmac, timingSafeEqual } from 'node:crypto';
import { signedPayload, SIGNATURE_VERSION } from './sign-webhook.ts';

export type WebhookVerification =
  { ok: true } | { ok: false; reason: 'malformed' | 'timestamp_out_of_tolerance' | 'signature_mismatch' };

/** Request headers as Node gives them (lower-case names). */
export type WebhookHeaders = Record<string, string | string[] | undefined>;

const DELIVERY_ID = /^[A-Za-z0-9-]{1,64}$/;
const EVENT_TYPE = /^[A-Za-z0-9_.:-]{1,64}$/;
const TIMESTAMP = /^\d{1,12}$/;
const SIGNATURE = new RegExp(`^${SIGNATURE_VERSION}=[0-9a-f]{64}$`, 'i');

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? undefined : value);

/**
 * The check a webhook receiver runs (see README.md) on the request's headers and raw body: the
 * timestamp is within `toleranceSeconds` of now (a captured request cannot be replayed later),
 * and one of the `v2=` signatures equals HMAC-SHA256(secret, delivery id, event type, event id,
 * timestamp and body), compared in constant time. Swapping any of those headers breaks the
 * signature. `secret` is this destination's own secret; `rawBody` the bytes as received.
 * Several `v2=` values (comma-separated) may be present while a secret is being rotated.
 */
export function verifyWebhookSignature(input: {
  secret: string;
  headers: WebhookHeaders;
  rawBody: string | Uint8Array;
  toleranceSeconds?: number;
  now?: Date;
}): WebhookVerification {
  const { secret, headers, rawBody, toleranceSeconds = 300, now = new Date() } = input;
  const deliveryId = single(headers['x-insignia-delivery']) ?? '';
  const eventType = single(headers['x-insignia-event']) ?? '';
  const eventId = single(headers['x-insignia-event-id']);
  const timestamp = single(headers['x-insignia-timestamp']) ?? '';
  const signatureHeader = single(headers['x-insignia-signature']);
  if (
    !DELIVERY_ID.test(deliveryId) ||
    !EVENT_TYPE.test(eventType) ||
    (eventId !== undefined && !DELIVERY_ID.test(eventId)) ||
    !TIMESTAMP.test(timestamp) ||
    !signatureHeader
  ) {
    return { ok: false, reason: 'malformed' };
  }
  const candidates = signatureHeader
    .split(',')
    .map((part) => part.trim())
    .filter((part) => SIGNATURE.test(part))
    .map((part) => Buffer.from(part.slice(SIGNATURE_VERSION.length + 1), 'hex'));
  if (candidates.length === 0) return { ok: false, reason: 'malformed' };
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > toleranceSeconds) {
    return { ok: false, reason: 'timestamp_out_of_tolerance' };
  }
  const expected = createHmac('sha256', secret)
    .update(signedPayload({ deliveryId, eventType, eventId, timestamp, rawBody }))
    .digest();
  // Every candidate is compared (no early exit), each in constant time.
  let match = false;
  for (const candidate of candidates) match = timingSafeEqual(candidate, expected) || match;
  return match ? { ok: true } : { ok: false, reason: 'signature_mismatch' };
}
