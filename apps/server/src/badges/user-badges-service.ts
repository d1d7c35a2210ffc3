import { userBadgeStatusSchema, type UnclaimedBadges, type UserBadge } from '@insignia/contract';
import { findUserById } from '../auth/user-queries.ts';
import type { Cache } from '../cache/cache.ts';
import { userCacheKeys } from '../cache/cache-keys.ts';
import { claimRefusal } from '../claims/claim-eligibility.ts';
import { listIssuanceClaims, toClaimView, type JoinedClaim } from '../claims/claim-queries.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import { listUserBadgeRows } from './badge-queries.ts';
import { hasExpired } from './has-expired.ts';

/** Bounds staleness should an invalidation ever be lost; every change invalidates at once. */
const TTL_SECONDS = 60;

/** Issuance states in which the badge is the user's (pending and failed mints are not shown). */
const shownStatuses = userBadgeStatusSchema.options;

/**
 * The badges in a user's profile, database-only and blockchain-backed alike, each with its
 * latest claim. Cached per user (`userCacheKeys.badges`): whoever changes an issuance or a claim
 * calls `invalidate`.
 */
export function createUserBadgesService(deps: { db: Db; cache: Cache }) {
  const { db } = deps;

  async function load(userId: string): Promise<UserBadge[]> {
    const rows = await listUserBadgeRows(db, userId, shownStatuses);
    const latestClaim = new Map<string, JoinedClaim>();
    // Newest first: the first claim seen for an issuance is its latest.
    for (const claim of await listIssuanceClaims(
      db,
      rows.map((r) => r.issuance.id),
    )) {
      if (!latestClaim.has(claim.claim.issuanceId)) latestClaim.set(claim.claim.issuanceId, claim);
    }
    return rows.map(({ issuance, badge, category, revocationReason }) => {
      const claim = latestClaim.get(issuance.id);
      return {
        issuanceId: issuance.id,
        badgeId: badge.id,
        name: badge.name,
        description: badge.description,
        imageUrl: badge.imageGatewayUrl ?? badge.imageUri,
        category: category ? { id: category.id, name: category.name } : null,
        type: badge.badgeType,
        // The query asked for these statuses only.
        status: userBadgeStatusSchema.parse(issuance.status),
        tokenId: badge.mintAddress,
        mintSignature: issuance.mintSignature,
        walletAddress: issuance.walletAddress,
        metadataUri: issuance.metadataUri,
        gatewayUrl: issuance.gatewayUrl,
        claimable:
          claimRefusal({
            status: issuance.status,
            destination: issuance.destination,
            badgeType: badge.badgeType,
            mintAddress: badge.mintAddress,
            revokedAt: issuance.revokedAt,
            validUntil: issuance.validUntil,
          }) === null,
        claim: claim ? toClaimView(claim) : null,
        issuedAt: (issuance.issuedAt ?? issuance.createdAt).toISOString(),
        validUntil: issuance.validUntil?.toISOString() ?? null,
        expired: false,
        revoked: issuance.revokedAt
          ? { at: issuance.revokedAt.toISOString(), reason: revocationReason ?? '' }
          : null,
        credentialUrl: `/api/public/badges/${issuance.id}/credential`,
      };
    });
  }

  /** Expiry is decided when read, not when cached: a badge expires with no write to invalidate. */
  const withExpiry = (items: UserBadge[], now = Date.now()): UserBadge[] =>
    items.map((b) => {
      const expired = hasExpired(b.validUntil, now);
      return expired ? { ...b, expired, claimable: false } : b;
    });

  const list = async (userId: string) =>
    withExpiry(await deps.cache.getOrLoad(userCacheKeys.badges(userId), TTL_SECONDS, () => load(userId)));

  return {
    list,
    /** Vault badges ready to claim, and whether the user has a wallet to claim them to. */
    async unclaimed(userId: string): Promise<UnclaimedBadges> {
      const [user, items] = await Promise.all([findUserById(db, userId), list(userId)]);
      if (!user) throw new AppError('USER__NOT_FOUND');
      return {
        walletOnFile: user.walletAddress !== null,
        walletAddress: user.walletAddress,
        items: items.filter((b) => b.claimable),
      };
    },
    invalidate: (userIds: string[]) => deps.cache.invalidate(userIds.map(userCacheKeys.badges)),
  };
}

export type UserBadgesService = ReturnType<typeof createUserBadgesService>;
