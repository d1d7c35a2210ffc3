import { and, asc, count, desc, eq, gt, ilike, isNotNull, sql } from 'drizzle-orm';
import type { Address } from '@solana/kit';
import type { PublicUser } from '@insignia/contract';
import type { Db } from '../db/database.ts';
import { expectRow } from '../db/expect-row.ts';
import { preparedOnce, preparedSql } from '../db/prepared-once.ts';
import { users } from './auth-schema.ts';

export type UserRow = typeof users.$inferSelect;

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  // Asked on most authenticated paths (roles, wallets, admins' requests): built once, prepared.
  const statement = preparedOnce(db, 'user_by_id', (name) =>
    db
      .select()
      .from(users)
      .where(eq(users.id, sql.placeholder('id')))
      .limit(1)
      .prepare(name),
  );
  const [row] = await statement.execute({ id });
  return row;
}

/** A user as a lookup by id or platform id gives it. */
export type UserByRef = Readonly<{
  id: string;
  email: string;
  walletAddress: UserRow['walletAddress'];
  externalId: string | null;
}>;

/**
 * The users named by these Insignia ids or platform ids (trade batches, issuance rosters), in
 * one prepared statement. `uuids` must be well-formed (the caller checks): they are compared as
 * uuids, so the primary key's index finds them (`id::text` scanned every user).
 */
export function findUsersByRef(db: Db, uuids: readonly string[], refs: readonly string[]) {
  const statement = preparedSql<UserByRef>(db, 'users_by_ref', () => {
    const [u, byId, byRef] = [users, sql.placeholder('uuids'), sql.placeholder('refs')];
    const columns = sql`${u.id}::text as id, ${u.email} as email, ${u.walletAddress} as "walletAddress", ${u.externalId} as "externalId"`;
    // A union, not an OR: each side then looks its ids up through its own unique index.
    return sql`select ${columns} from ${u}
        where ${u.id} in (select jsonb_array_elements_text(${byId}::jsonb)::uuid)
        union
        select ${columns} from ${u}
        where ${u.externalId} in (select jsonb_array_elements_text(${byRef}::jsonb))`;
  });
  return statement.rows({ uuids: JSON.stringify(uuids), refs: JSON.stringify(refs) });
}

/** The account that logs in with this email and a password (at most one: a partial unique index). */
export async function findPasswordUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.email, email), isNotNull(users.passwordHash)))
    .limit(1);
  return row;
}

/** The account that proved this address (at most one: a partial unique index). */
export async function findVerifiedUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.email, email), isNotNull(users.emailVerifiedAt)))
    .limit(1);
  return row;
}

export async function findUserByExternalId(db: Db, externalId: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.externalId, externalId)).limit(1);
  return row;
}

export async function countUsersByRole(db: Db): Promise<{ users: number; admins: number }> {
  const rows = await db.select({ role: users.role, n: count() }).from(users).groupBy(users.role);
  return {
    users: rows.find((r) => r.role === 'user')?.n ?? 0,
    admins: rows.find((r) => r.role === 'admin')?.n ?? 0,
  };
}

/** The id of the user whose linked wallet is `address`, if any. */
export async function findWalletOwnerId(db: Db, address: Address): Promise<string | undefined> {
  const [owner] = await db.select({ id: users.id }).from(users).where(eq(users.walletAddress, address));
  return owner?.id;
}

/** Locks the user's row (FOR UPDATE) until the transaction ends: one writer per user at a time. */
export async function lockUser(tx: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await tx.select().from(users).where(eq(users.id, id)).for('update');
  return row;
}

/** Marks the user's email verified; a second verified owner of the address fails the unique index. */
export async function markEmailVerified(tx: Db, id: string, at: Date): Promise<UserRow> {
  const rows = await tx.update(users).set({ emailVerifiedAt: at }).where(eq(users.id, id)).returning();
  return expectRow(rows, 'user');
}

/** Links `address` to the user; a wallet linked to another user fails the unique index. */
export async function setUserWallet(tx: Db, id: string, address: Address, at: Date): Promise<UserRow> {
  const rows = await tx
    .update(users)
    .set({ walletAddress: address, walletLinkedAt: at })
    .where(eq(users.id, id))
    .returning();
  return expectRow(rows, 'user');
}

/**
 * Replaces the password hash, only if it is still `oldHash`: a password changed meanwhile stays.
 * Returns whether it was replaced.
 */
export async function replacePasswordHash(
  db: Db,
  id: string,
  oldHash: string,
  newHash: string,
): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ passwordHash: newHash })
    .where(sql`${users.id} = ${id} and ${users.passwordHash} = ${oldHash}`)
    .returning({ id: users.id });
  return rows.length > 0;
}

/** Sets the password hash whatever it was (the operator's reset). */
export async function setPasswordHash(db: Db, id: string, passwordHash: string): Promise<void> {
  await db.update(users).set({ passwordHash }).where(eq(users.id, id));
}

/** The admin accounts' emails, oldest first (for the recovery CLI's "unknown email" answer). */
export async function listAdminEmails(db: Db): Promise<string[]> {
  const rows = await db
    .select({ email: users.email })
    .from(users)
    .where(eq(users.role, 'admin'))
    .orderBy(asc(users.createdAt));
  return rows.map((r) => r.email);
}

/** Creates a password account; a taken email fails the unique index. */
export async function insertPasswordUser(db: Db, email: string, passwordHash: string): Promise<UserRow> {
  const rows = await db.insert(users).values({ email, passwordHash, role: 'user' }).returning();
  return expectRow(rows, 'user');
}

/** Creates a host-platform account; undefined when one with this external id exists already. */
export async function insertHostUser(
  db: Db,
  email: string,
  externalId: string,
): Promise<UserRow | undefined> {
  const [created] = await db
    .insert(users)
    .values({ email, externalId })
    .onConflictDoNothing({ target: users.externalId })
    .returning();
  return created;
}

/** Binds a host id to a plain user without one; undefined when the user no longer qualifies. */
export async function setUserExternalId(
  db: Db,
  id: string,
  externalId: string,
): Promise<UserRow | undefined> {
  const [linked] = await db
    .update(users)
    .set({ externalId })
    .where(sql`${users.id} = ${id} and ${users.externalId} is null and ${users.role} = 'user'`)
    .returning();
  return linked;
}

export async function findAnyAdmin(db: Db): Promise<UserRow | undefined> {
  const [existing] = await db.select().from(users).where(eq(users.role, 'admin')).limit(1);
  return existing;
}

/**
 * Creates the admin account with `email`, or promotes the password account that has it (a
 * host-only account with it is left alone: then nothing is written and undefined returned).
 * The operator named this address, so it counts as proven.
 */
export async function upsertAdmin(
  db: Db,
  email: string,
  passwordHash: string,
): Promise<{ id: string } | undefined> {
  const [admin] = await db
    .insert(users)
    .values({ email, passwordHash, role: 'admin', emailVerifiedAt: new Date() })
    .onConflictDoUpdate({
      target: users.email,
      targetWhere: sql`${users.passwordHash} is not null`,
      set: { role: 'admin', passwordHash, emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` },
    })
    .returning({ id: users.id });
  return admin;
}

/** Up to `limit` user ids after `after` (all when empty), in id order: a keyset page. */
export async function listUserIdsAfter(db: Db, after: string, limit: number): Promise<string[]> {
  const page = await db
    .select({ id: users.id })
    .from(users)
    .where(after ? gt(users.id, after) : undefined)
    .orderBy(asc(users.id))
    .limit(limit);
  return page.map((u) => u.id);
}

/** A page of users, newest first, optionally those whose email contains `q`; with the total matching. */
export async function listUsers(
  db: Db,
  page: { q?: string | undefined; limit: number; offset: number },
): Promise<{ rows: UserRow[]; total: number }> {
  // Escape LIKE wildcards so `q` matches literally.
  const where = page.q ? ilike(users.email, `%${page.q.replace(/[%_\\]/g, '\\$&')}%`) : undefined;
  const [rows, [total]] = await Promise.all([
    db.select().from(users).where(where).orderBy(desc(users.createdAt)).limit(page.limit).offset(page.offset),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** The shape of a user the API shows: never the password hash. */
export function toPublicUser(row: UserRow): PublicUser {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    emailVerified: row.emailVerifiedAt !== null,
    walletAddress: row.walletAddress,
    createdAt: row.createdAt.toISOString(),
  };
}
