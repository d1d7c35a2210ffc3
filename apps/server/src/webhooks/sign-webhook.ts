import { createHmac } from 'node:crypto';

/** The signed string is `<timestamp>.<raw body>`: the timestamp cannot be swapped for a replay. */
export function signedPayload(timestamp: string | number, rawBody: string | Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(`${timestamp}.`, 'utf8'), Buffer.from(rawBody)]);
}

/** The `x-insignia-signature` value: `v1=` + hex HMAC-SHA256 keyed with the secret's UTF-8 bytes. */
export function signWebhook(input: {
  secret: string;
  timestamp: string | number;
  rawBody: string | Uint8Array;
}): string {
  const mac = createHmac('sha256', input.secret).update(signedPayload(input.timestamp, input.rawBody));
  return `v1=${mac.digest('hex')}`;
}
