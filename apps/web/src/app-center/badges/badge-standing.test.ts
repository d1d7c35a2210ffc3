import type { UserBadge } from '@insignia/contract';
import { describe, expect, it } from 'vitest';
import { formatDate } from '../format.ts';
import { badgeStanding, describeValidity, splitByStanding } from './badge-standing.ts';
import { describeBadgeStatus } from './badge-status.ts';

const base: UserBadge = {
  issuanceId: '00000000-0000-4000-8000-000000000001',
  badgeId: '00000000-0000-4000-8000-0000000000b1',
  name: 'Early Supporter',
  description: '',
  imageUrl: null,
  category: null,
  type: 'blockchain',
  status: 'in_vault',
  tokenId: null,
  mintSignature: null,
  walletAddress: null,
  metadataUri: null,
  gatewayUrl: null,
  claimable: true,
  claim: null,
  issuedAt: '2026-01-10T10:00:00.000Z',
  validUntil: null,
  expired: false,
  revoked: null,
  credentialUrl: '/api/public/badges/00000000-0000-4000-8000-000000000001/credential',
};
const badge = (name: string, fields: Partial<UserBadge> = {}): UserBadge => ({ ...base, name, ...fields });

const revoked = { at: '2026-03-02T09:00:00.000Z', reason: 'Awarded by mistake' };

describe('badge standing on the Personal Center', () => {
  it('ranks revoked over expired over valid', () => {
    expect(badgeStanding(badge('a'))).toBe('valid');
    expect(badgeStanding(badge('a', { expired: true, validUntil: '2026-02-01T00:00:00.000Z' }))).toBe(
      'expired',
    );
    expect(badgeStanding(badge('a', { expired: true, revoked }))).toBe('revoked');
  });

  it('keeps valid badges first in server order, then expired, then revoked', () => {
    const list = [
      badge('r1', { revoked }),
      badge('v1'),
      badge('e1', { expired: true }),
      badge('v2', { validUntil: '2099-01-01T00:00:00.000Z' }),
      badge('r2', { revoked, expired: true }),
      badge('e2', { expired: true }),
    ];
    const { valid, inactive } = splitByStanding(list);
    expect(valid.map((b) => b.name)).toEqual(['v1', 'v2']);
    expect(inactive.map((b) => b.name)).toEqual(['e1', 'e2', 'r1', 'r2']);
  });

  it('says a revoked badge is revoked, when and why, whatever its vault state', () => {
    const status = describeBadgeStatus(badge('a', { revoked }));
    expect(status).toEqual({
      label: 'Revoked',
      tone: 'danger',
      detail: `Revoked on ${formatDate(revoked.at)}: Awarded by mistake.`,
    });
    expect(describeBadgeStatus(badge('a', { revoked: { at: revoked.at, reason: 'Fraud.' } })).detail).toBe(
      `Revoked on ${formatDate(revoked.at)}: Fraud.`,
    );
    expect(describeBadgeStatus(badge('a', { revoked: { at: revoked.at, reason: ' ' } })).detail).toBe(
      `Revoked on ${formatDate(revoked.at)}.`,
    );
  });

  it('says an expired badge expired on its validUntil date, and says no more about validity', () => {
    const expired = badge('a', { type: 'database', expired: true, validUntil: '2026-02-01T12:00:00.000Z' });
    const status = describeBadgeStatus(expired);
    expect(status.label).toBe('Expired');
    expect(status.detail).toContain(`Expired on ${formatDate('2026-02-01T12:00:00.000Z')}.`);
    expect(describeValidity(expired)).toBeNull();
  });

  it('tells how long a valid badge lasts, only when it expires at all', () => {
    expect(describeValidity(badge('a', { validUntil: '2099-06-30T00:00:00.000Z' }))).toBe(
      `Valid until ${formatDate('2099-06-30T00:00:00.000Z')}.`,
    );
    expect(describeValidity(badge('a'))).toBeNull();
    expect(describeValidity(badge('a', { validUntil: '2099-06-30T00:00:00.000Z', revoked }))).toBeNull();
  });

  it('leaves the wording of valid badges as it was', () => {
    expect(describeBadgeStatus(badge('a')).label).toBe('Held in the vault');
    expect(describeBadgeStatus(badge('a', { type: 'database' })).label).toBe('Awarded');
  });
});
