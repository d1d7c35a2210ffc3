/**
 * Whether an issuance's validity period has ended at `now` (ms). Expiry is always decided when
 * read, never stored: nothing is written when a badge expires. `validUntil` null: never expires.
 */
export function hasExpired(validUntil: Date | string | null, now: number = Date.now()): boolean {
  if (validUntil === null) return false;
  return (typeof validUntil === 'string' ? Date.parse(validUntil) : validUntil.getTime()) <= now;
}
