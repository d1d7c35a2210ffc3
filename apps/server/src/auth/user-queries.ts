import { and, count, eq, isNotNull } from 'drizzle-orm';
import type { PublicUser } from '@insignia/contract';
import type { Db } from '../db/database.ts';
import { users } from './auth-schema.ts';

export type UserRow = typeof users.$inferSelect;

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
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
