import { formatDate } from '../app-center/format.ts';

export interface BadgeStandingFields {
  revokedAt: string | null;
  expired: boolean;
  validUntil: string | null;
}

export type StandingVerdict =
  { state: 'valid' } | { state: 'revoked' | 'expired'; tone: 'bad' | 'warn'; title: string; detail: string };

/**
 * Whether the badge still counts, for the top of its public page: a revoked or expired badge
 * says so in place of any "verified", so a verifier cannot miss it.
 */
export function describeBadgeStanding(badge: BadgeStandingFields, issuer: string): StandingVerdict {
  if (badge.revokedAt) {
    return {
      state: 'revoked',
      tone: 'bad',
      title: `Revoked on ${formatDate(badge.revokedAt)}`,
      detail: `${issuer} has withdrawn this badge: it is no longer valid, whatever a copy of it shows.`,
    };
  }
  if (badge.expired) {
    return {
      state: 'expired',
      tone: 'warn',
      title: badge.validUntil ? `Expired on ${formatDate(badge.validUntil)}` : 'Expired',
      detail:
        'It was valid for a limited time, which has ended: it was held until then, but no longer counts.',
    };
  }
  return { state: 'valid' };
}

/** The "Valid until" fact: a date, or that it does not expire. */
export const validityFact = (badge: BadgeStandingFields): string =>
  badge.validUntil ? formatDate(badge.validUntil) : 'Does not expire';
