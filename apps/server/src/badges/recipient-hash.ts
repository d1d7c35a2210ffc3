import { createHmac } from 'node:crypto';

/**
 * How an issuance payload on IPFS names its recipient: HMAC-SHA256 of the user id under the
 * deployment's secret salt, hex. Stable per user, meaningless without the salt, and carrying
 * no email or other personal data.
 */
export function hashRecipient(salt: string, userId: string): string {
  return createHmac('sha256', salt).update(`insignia/recipient/v1\0${userId}`).digest('hex');
}
