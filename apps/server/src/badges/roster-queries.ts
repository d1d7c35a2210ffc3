import { and, inArray, isNotNull, isNull } from 'drizzle-orm';
import { users } from '../auth/auth-schema.ts';
import type { UserByRef } from '../auth/user-queries.ts';
import type { Db } from '../db/database.ts';
import { badgeIssuances } from './badges-schema.ts';

const userColumns = {
  id: users.id,
  email: users.email,
  walletAddress: users.walletAddress,
  externalId: users.externalId,
};

/** A roster's user, by email or by id: the same fields either way. */
export type RosterUser = UserByRef;

/** Users whose email is one of `emails` and proven by its owner. */
export function findVerifiedUsersByEmail(db: Db, emails: readonly string[]): Promise<RosterUser[]> {
  return db
    .select(userColumns)
    .from(users)
    .where(and(inArray(users.email, [...emails]), isNotNull(users.emailVerifiedAt)));
}

/** Which of `emails` only unverified accounts use. */
export async function findUnverifiedEmails(db: Db, emails: readonly string[]): Promise<string[]> {
  const rows = await db
    .selectDistinct({ email: users.email })
    .from(users)
    .where(and(inArray(users.email, [...emails]), isNull(users.emailVerifiedAt)));
  return rows.map((r) => r.email);
}

/** The (badge, user) pairs among these that already have an issuance. */
export function findIssuedPairs(db: Db, badgeIds: readonly string[], userIds: readonly string[]) {
  return db
    .select({ badgeId: badgeIssuances.badgeId, userId: badgeIssuances.userId })
    .from(badgeIssuances)
    .where(and(inArray(badgeIssuances.badgeId, [...badgeIds]), inArray(badgeIssuances.userId, [...userIds])));
}
