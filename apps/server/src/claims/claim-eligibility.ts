import type { ErrorCode } from '@insignia/contract';
import { hasExpired } from '../badges/has-expired.ts';

/** What eligibility needs to know of an issuance and its badge. */
export interface ClaimCandidate {
  status: string;
  destination: 'wallet' | 'vault' | 'none';
  badgeType: 'database' | 'blockchain';
  mintAddress: string | null;
  revokedAt: Date | null;
  validUntil: Date | null;
}

/**
 * Why this issuance cannot be claimed now, or null when it can: only a blockchain badge
 * minted to the vault and still sitting there, with no claim under way, neither revoked nor
 * expired, is claimable.
 */
export function claimRefusal(
  c: ClaimCandidate,
  now = new Date(),
): Extract<
  ErrorCode,
  | 'CLAIM__NOT_IN_VAULT'
  | 'CLAIM__ALREADY_REQUESTED'
  | 'CLAIM__ALREADY_CLAIMED'
  | 'BADGE__REVOKED'
  | 'BADGE__EXPIRED'
> | null {
  if (c.revokedAt) return 'BADGE__REVOKED';
  if (hasExpired(c.validUntil, now.getTime())) return 'BADGE__EXPIRED';
  if (c.badgeType !== 'blockchain' || c.destination !== 'vault' || !c.mintAddress)
    return 'CLAIM__NOT_IN_VAULT';
  if (c.status === 'claim_requested') return 'CLAIM__ALREADY_REQUESTED';
  if (c.status === 'claimed') return 'CLAIM__ALREADY_CLAIMED';
  if (c.status !== 'in_vault') return 'CLAIM__NOT_IN_VAULT';
  return null;
}
