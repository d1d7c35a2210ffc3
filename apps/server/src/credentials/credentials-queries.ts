import { and, between, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { users } from '../auth/auth-schema.ts';
import { badgeIssuances, badges, badgeIssuanceTransactions } from '../badges/badges-schema.ts';
import type { Db } from '../db/database.ts';
import { heldBadgeStatuses } from '../nft/level-queries.ts';
import { badgeCredentials } from './credentials-schema.ts';

/** An issued issuance (held, in the vault, being claimed or claimed) with what its credential says. */
export async function findIssuedForCredential(db: Db, issuanceId: string) {
  const [row] = await db
    .select({
      id: badgeIssuances.id,
      issuedAt: badgeIssuances.issuedAt,
      createdAt: badgeIssuances.createdAt,
      validUntil: badgeIssuances.validUntil,
      statusListIndex: badgeIssuances.statusListIndex,
      destination: badgeIssuances.destination,
      metadataCid: badgeIssuances.metadataCid,
      mintSignature: badgeIssuances.mintSignature,
      transactionSignature: badgeIssuanceTransactions.signature,
      recipientEmail: users.email,
      badgeId: badges.id,
      badgeName: badges.name,
      badgeDescription: badges.description,
      badgeType: badges.badgeType,
      badgeMint: badges.mintAddress,
      imageCid: badges.imageCid,
      imageUri: badges.imageUri,
    })
    .from(badgeIssuances)
    .innerJoin(badges, eq(badges.id, badgeIssuances.badgeId))
    .innerJoin(users, eq(users.id, badgeIssuances.userId))
    .leftJoin(badgeIssuanceTransactions, eq(badgeIssuanceTransactions.id, badgeIssuances.transactionId))
    .where(and(eq(badgeIssuances.id, issuanceId), inArray(badgeIssuances.status, [...heldBadgeStatuses])))
    .limit(1);
  return row;
}

export async function findStoredCredential(db: Db, issuanceId: string) {
  const [row] = await db
    .select({ credential: badgeCredentials.credential })
    .from(badgeCredentials)
    .where(eq(badgeCredentials.issuanceId, issuanceId))
    .limit(1);
  return row?.credential;
}

/** Stores a credential unless one is there already (another request or instance signed first). */
export async function insertCredentialOnce(db: Db, issuanceId: string, credential: Record<string, unknown>) {
  await db.insert(badgeCredentials).values({ issuanceId, credential }).onConflictDoNothing();
}

/**
 * What a status list is built from, in one aggregate: whether it holds any issuance, and a
 * fingerprint of its revoked rows (count, latest revocation, sum of their indexes) that
 * changes with any revocation or un-revocation.
 */
export async function statusListFingerprint(db: Db, first: number, last: number) {
  const [row] = await db
    .select({
      issuances: sql<number>`count(*)::int`,
      revoked: sql<number>`count(${badgeIssuances.revokedAt})::int`,
      latest: sql<string | null>`max(${badgeIssuances.revokedAt})::text`,
      indexSum: sql<
        string | null
      >`sum(${badgeIssuances.statusListIndex}) filter (where ${badgeIssuances.revokedAt} is not null)::text`,
    })
    .from(badgeIssuances)
    .where(between(badgeIssuances.statusListIndex, first, last));
  return row ?? { issuances: 0, revoked: 0, latest: null, indexSum: null };
}

export async function revokedIndexes(db: Db, first: number, last: number): Promise<number[]> {
  const rows = await db
    .select({ index: badgeIssuances.statusListIndex })
    .from(badgeIssuances)
    .where(and(between(badgeIssuances.statusListIndex, first, last), isNotNull(badgeIssuances.revokedAt)));
  return rows.map((r) => r.index);
}

/** Whether the issuance at a status list index is revoked; undefined when no issuance has it. */
export async function findRevocationAt(db: Db, index: number) {
  const [row] = await db
    .select({ revokedAt: badgeIssuances.revokedAt })
    .from(badgeIssuances)
    .where(eq(badgeIssuances.statusListIndex, index))
    .limit(1);
  return row;
}
