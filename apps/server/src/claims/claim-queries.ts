import { count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AdminClaimView, ClaimView } from '@insignia/contract';
import { users } from '../auth/auth-schema.ts';
import { badgeIssuances, badges } from '../badges/badges-schema.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import { claimIntents, type claimStatuses } from './claims-schema.ts';

const joinedColumns = {
  claim: claimIntents,
  badgeId: badges.id,
  badgeName: badges.name,
  imageUrl: sql<string | null>`coalesce(${badges.imageGatewayUrl}, ${badges.imageUri})`,
  email: users.email,
  recipientHash: badgeIssuances.recipientHash,
};

/** A claim with what its views show of the badge and the user. */
export interface JoinedClaim {
  claim: typeof claimIntents.$inferSelect;
  badgeId: string;
  badgeName: string;
  imageUrl: string | null;
  email: string;
  recipientHash: string;
}

function joinedClaims(db: Pick<Db, 'select'>, where: SQL | undefined) {
  return db
    .select(joinedColumns)
    .from(claimIntents)
    .innerJoin(badgeIssuances, eq(badgeIssuances.id, claimIntents.issuanceId))
    .innerJoin(badges, eq(badges.id, badgeIssuances.badgeId))
    .innerJoin(users, eq(users.id, claimIntents.userId))
    .where(where)
    .orderBy(desc(claimIntents.submittedAt), desc(claimIntents.id));
}

export function toClaimView(j: JoinedClaim): ClaimView {
  const c = j.claim;
  return {
    id: c.id,
    issuanceId: c.issuanceId,
    badgeId: j.badgeId,
    badgeName: j.badgeName,
    imageUrl: j.imageUrl,
    tokenId: c.tokenId,
    metadataUri: c.metadataUri,
    walletAddress: c.walletAddress,
    status: c.status,
    signingMode: c.signingMode,
    submittedAt: c.submittedAt.toISOString(),
    adminResponseAt: c.adminResponseAt?.toISOString() ?? null,
    rejectReason: c.rejectReason,
    transferSignature: c.transferSignature,
    completedAt: c.completedAt?.toISOString() ?? null,
    errorCode: c.errorCode,
    error: c.lastError,
  };
}

export function toAdminClaimView(j: JoinedClaim): AdminClaimView {
  return {
    ...toClaimView(j),
    user: { id: j.claim.userId, email: j.email },
    recipientHash: j.recipientHash,
    respondedBy: j.claim.respondedBy,
    adminWallet: j.claim.adminWallet,
    attempts: j.claim.attempts,
    updatedAt: j.claim.updatedAt.toISOString(),
  };
}

export async function findJoinedClaim(db: Pick<Db, 'select'>, id: string): Promise<JoinedClaim | undefined> {
  const [row] = await joinedClaims(db, eq(claimIntents.id, id));
  return row;
}

/** A claim as the console shows it, or CLAIM__NOT_FOUND. */
export async function getAdminClaimView(db: Pick<Db, 'select'>, id: string): Promise<AdminClaimView> {
  const joined = await findJoinedClaim(db, id);
  if (!joined) throw new AppError('CLAIM__NOT_FOUND');
  return toAdminClaimView(joined);
}

/** Every claim of one user, newest first. */
export function listUserClaims(db: Pick<Db, 'select'>, userId: string): Promise<JoinedClaim[]> {
  return joinedClaims(db, eq(claimIntents.userId, userId));
}

/** The claims of some issuances (newest first), for the badge views. */
export function listIssuanceClaims(db: Pick<Db, 'select'>, issuanceIds: string[]): Promise<JoinedClaim[]> {
  if (issuanceIds.length === 0) return Promise.resolve([]);
  return joinedClaims(db, inArray(claimIntents.issuanceId, issuanceIds));
}

/** The admin queue: claims by status, newest first, with the total for paging. */
export async function listClaimsPage(
  db: Pick<Db, 'select'>,
  filter: { statuses?: (typeof claimStatuses)[number][] | undefined; limit: number; offset: number },
): Promise<{ items: JoinedClaim[]; total: number }> {
  const where = filter.statuses ? inArray(claimIntents.status, filter.statuses) : undefined;
  const [items, [total]] = await Promise.all([
    joinedClaims(db, where).limit(filter.limit).offset(filter.offset),
    db.select({ n: count() }).from(claimIntents).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** What a claim's effects need of its issuance: the row, the badge's name and the owner's email. */
export async function loadClaimEffectContext(db: Pick<Db, 'select'>, issuanceId: string) {
  const [ctx] = await db
    .select({ issuance: badgeIssuances, badgeName: badges.name, email: users.email })
    .from(badgeIssuances)
    .innerJoin(badges, eq(badges.id, badgeIssuances.badgeId))
    .innerJoin(users, eq(users.id, badgeIssuances.userId))
    .where(eq(badgeIssuances.id, issuanceId));
  return ctx;
}
