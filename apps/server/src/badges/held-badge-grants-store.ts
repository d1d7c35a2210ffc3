import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import { users } from '../auth/auth-schema.ts';
import type { Db } from '../db/database.ts';
import { badges } from './badges-schema.ts';
import { heldBadgeGrants } from './held-badge-grants-schema.ts';

export type HeldGrantRow = typeof heldBadgeGrants.$inferSelect;
export type NewHeldGrant = Omit<typeof heldBadgeGrants.$inferInsert, 'id' | 'createdAt' | 'lastError'>;

/** Inserts grants; returns the ones that were new (a repeat is a no-op). */
export function insertHeldGrants(
  tx: Pick<Db, 'insert'>,
  rows: readonly NewHeldGrant[],
): Promise<HeldGrantRow[]> {
  return tx
    .insert(heldBadgeGrants)
    .values([...rows])
    .onConflictDoNothing()
    .returning();
}

/** What is held for an address, oldest first. */
export function findHeldGrantsByEmail(db: Db, email: string): Promise<HeldGrantRow[]> {
  return db
    .select()
    .from(heldBadgeGrants)
    .where(eq(heldBadgeGrants.email, email))
    .orderBy(asc(heldBadgeGrants.createdAt));
}

export async function deleteHeldGrants(db: Db, ids: readonly string[]): Promise<void> {
  await db.delete(heldBadgeGrants).where(inArray(heldBadgeGrants.id, [...ids]));
}

export async function recordHeldGrantError(db: Db, ids: readonly string[], message: string): Promise<void> {
  await db
    .update(heldBadgeGrants)
    .set({ lastError: message })
    .where(inArray(heldBadgeGrants.id, [...ids]));
}

/** The accounts that have verified any of `emails`. */
export function findVerifiedOwners(db: Db, emails: readonly string[]) {
  return db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(inArray(users.email, [...emails]), isNotNull(users.emailVerifiedAt)));
}

/** What waits for verification, with each badge's name, oldest first. */
export function listHeldGrants(db: Db, limit: number) {
  return db
    .select({
      id: heldBadgeGrants.id,
      email: heldBadgeGrants.email,
      badgeId: heldBadgeGrants.badgeId,
      badgeName: badges.name,
      signingMode: heldBadgeGrants.signingMode,
      lastError: heldBadgeGrants.lastError,
      createdAt: heldBadgeGrants.createdAt,
    })
    .from(heldBadgeGrants)
    .innerJoin(badges, eq(badges.id, heldBadgeGrants.badgeId))
    .orderBy(asc(heldBadgeGrants.createdAt))
    .limit(limit);
}
