import type { UserBadge } from '@insignia/contract';
import { formatDate } from '../format.ts';

/** Whether a badge still counts: `revoked` wins over `expired` (an admin's act says more). */
export type BadgeStanding = 'valid' | 'expired' | 'revoked';

type StandingFields = Pick<UserBadge, 'expired' | 'revoked'>;

export function badgeStanding(badge: StandingFields): BadgeStanding {
  if (badge.revoked) return 'revoked';
  return badge.expired ? 'expired' : 'valid';
}

/**
 * The person's badges split for display: those that still count, in the server's order, then
 * those that no longer do (expired, then revoked), so a withdrawn badge never sits among live ones.
 */
export function splitByStanding<B extends StandingFields>(badges: readonly B[]) {
  const valid: B[] = [];
  const expired: B[] = [];
  const revoked: B[] = [];
  for (const badge of badges) {
    const standing = badgeStanding(badge);
    (standing === 'valid' ? valid : standing === 'expired' ? expired : revoked).push(badge);
  }
  return { valid, inactive: [...expired, ...revoked] };
}

/**
 * One line on how long a badge counts, or null when there is nothing to say (no expiry). The
 * revoked and expired wording lives in the status itself (see describeBadgeStatus).
 */
export function describeValidity(badge: Pick<UserBadge, 'validUntil'> & StandingFields): string | null {
  if (badgeStanding(badge) !== 'valid' || badge.validUntil === null) return null;
  return `Valid until ${formatDate(badge.validUntil)}.`;
}
