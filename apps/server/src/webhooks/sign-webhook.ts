import { createHmac } from 'node:crypto';

/** What one signature vouches for: every header a receiver acts on, and the body. */
export interface SignedWebhookFields {
  /** `x-insignia-delivery`: the receiver's dedupe key. */
  deliveryId: string;
  /** `x-insignia-event`: what the receiver does with the body. */
  eventType: string;
  /** `x-insignia-event-id`, when the delivery carries one; signed as empty when absent. */
  eventId?: string | null;
  /** `x-insignia-timestamp`: Unix seconds of this attempt. */
  timestamp: string | number;
  rawBody: string | Uint8Array;
}

/** The signature scheme in `x-insignia-signature`; receivers ignore values of other versions. */
export const SIGNATURE_VERSION = 'v2';

/**
 * The signed bytes: `v2`, delivery id, event type, event id and timestamp, each on its own line,
 * then the raw body. None of the header fields may hold a newline (HTTP headers cannot, and the
 * verifier checks), so no two sets of fields give the same bytes.
 */
export function signedPayload(fields: SignedWebhookFields): Buffer {
  const head = [
    SIGNATURE_VERSION,
    fields.deliveryId,
    fields.eventType,
    fields.eventId ?? '',
    fields.timestamp,
  ];
  return Buffer.concat([Buffer.from(`${head.join('\n')}\n`, 'utf8'), Buffer.from(fields.rawBody)]);
}

/**
 * The `x-insignia-signature` value: `v2=` + hex HMAC-SHA256 of {@link signedPayload}, keyed with
 * the destination's secret (its UTF-8 bytes; see `deriveWebhookSecret`).
 */
export function signWebhook(input: SignedWebhookFields & { secret: string }): string {
  const mac = createHmac('sha256', input.secret).update(signedPayload(input));
  return `${SIGNATURE_VERSION}=${mac.digest('hex')}`;
}
