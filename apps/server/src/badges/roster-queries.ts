import { and, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { users } from '../auth/auth-schema.ts';
import type { Db } from '../db/database.ts';
import { preparedSql } from '../db/prepared-once.ts';
import { badgeIssuances } from './badges-schema.ts';

const userColumns = {
  id: users.id,
  email: users.email,
  walletAddress: users.walletAddress,
  externalId: users.externalId,
};

export type RosterUser = Readonly<{
  id: string;
  email: string;
  walletAddress: (typeof users.$inferSelect)['walletAddress'];
  externalId: string | null;
}>;

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

/**
 * Users named by Insignia id (`uuids`, well-formed: the caller checks) or by platform id, in one
 * prepared statement: a union, so that each side looks its ids up through its own unique index.
 */
export function findUsersByRefs(db: Db, uuids: readonly string[], externalIds: readonly string[]) {
  return preparedSql<RosterUser>(db, 'roster_users_by_ref', () => {
    const [u, byId, byRef] = [users, sql.placeholder('uuids'), sql.placeholder('externalIds')];
    const columns = sql`${u.id}::text as id, ${u.email} as email, ${u.walletAddress} as "walletAddress", ${u.externalId} as "externalId"`;
    return sql`select ${columns} from ${u} where ${u.id} = any(${byId}::uuid[])
        union
        select ${columns} from ${u} where ${u.externalId} = any(${byRef}::text[])`;
  }).rows({ uuids: [...uuids], externalIds: [...externalIds] });
}

/** The (badge, user) pairs among these that already have an issuance. */
export function findIssuedPairs(db: Db, badgeIds: readonly string[], userIds: readonly string[]) {
  return db
    .select({ badgeId: badgeIssuances.badgeId, userId: badgeIssuances.userId })
    .from(badgeIssuances)
    .where(and(inArray(badgeIssuances.badgeId, [...badgeIds]), inArray(badgeIssuances.userId, [...userIds])));
}
