import { hkdfSync } from 'node:crypto';

/** Domain separation: this HKDF output is a webhook signing key and nothing else. */
const SALT = 'insignia/webhook-destination-secret/v1';

/**
 * The signing secret of one webhook destination, derived from the master `WEBHOOK_SECRET` with
 * HKDF-SHA256 and the destination's URL (normalised by the WHATWG URL parser) as context. Each
 * receiver holds only its own secret: one that leaks cannot sign for another destination, and a
 * request captured at one destination does not verify at another. Operators keep one secret.
 */
export function deriveWebhookSecret(masterSecret: string, destinationUrl: string): string {
  const key = hkdfSync('sha256', masterSecret, SALT, new URL(destinationUrl).href, 32);
  return `whsec_${Buffer.from(key).toString('base64url')}`;
}
