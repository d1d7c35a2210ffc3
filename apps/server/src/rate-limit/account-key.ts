import { createHash } from 'node:crypto';

/**
 * Rate-limit keys for an email, hashed so that Redis and memory hold no addresses. These only
 * ever merge spellings into one bucket (more throttling, never less), so they are safe to be
 * looser than the address rules of any one mail provider.
 */
const digest = (s: string) => createHash('sha256').update(s).digest('base64url').slice(0, 22);

/** Case, surrounding spaces and Unicode compatibility forms do not make another account. */
export function normalizeEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}

/** The account being logged into. */
export function accountKey(email: string): string {
  return digest(normalizeEmail(email));
}

/**
 * The mailbox behind an address: `name+tag@host` and `name@host` reach the same person, so
 * registrations (and the mail they cause) are counted per mailbox, not per spelling.
 */
export function mailboxKey(email: string): string {
  const normalized = normalizeEmail(email);
  const at = normalized.lastIndexOf('@');
  const local = at < 0 ? normalized : normalized.slice(0, at);
  const host = at < 0 ? '' : normalized.slice(at);
  const [base = ''] = local.split('+');
  return digest(base + host);
}
