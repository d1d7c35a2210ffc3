import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Credentials } from '@insignia/contract';
import type { Db } from '../db/database.ts';
import { isUniqueViolation } from '../db/pg-errors.ts';
import { AppError } from '../errors/app-error.ts';
import { users } from './auth-schema.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password.ts';
import type { TokenIdentity, TokenService } from './token-service.ts';
import { findUserByEmail, findUserById, type UserRow } from './user-queries.ts';

export const DEFAULT_ADMIN_EMAIL = 'admin@insignia.local';

export function createAuthService(deps: { db: Db; tokens: TokenService }) {
  const { db, tokens } = deps;

  async function register(input: Credentials): Promise<{ token: string; user: UserRow }> {
    const passwordHash = await hashPassword(input.password);
    try {
      const [user] = await db
        .insert(users)
        .values({ email: input.email, passwordHash, role: 'user' })
        .returning();
      return { token: await tokens.issue(user!.id, user!.role), user: user! };
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('AUTH__EMAIL_TAKEN');
      throw e;
    }
  }

  async function login(input: {
    email: string;
    password: string;
  }): Promise<{ token: string; user: UserRow }> {
    const user = await findUserByEmail(db, input.email);
    const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash));
    if (!user?.passwordHash || !ok) throw new AppError('AUTH__INVALID_CREDENTIALS');
    return { token: await tokens.issue(user.id, user.role), user };
  }

  /** The user behind a verified token; host-platform users are created on first sight. */
  async function resolveIdentity(identity: TokenIdentity): Promise<UserRow> {
    if (identity.source === 'insignia') {
      const user = await findUserById(db, identity.userId);
      if (!user) throw new AppError('AUTH__TOKEN_INVALID');
      return user;
    }
    const [known] = await db.select().from(users).where(eq(users.externalId, identity.externalId));
    if (known) return known;
    if (!identity.email)
      throw new AppError('AUTH__TOKEN_INVALID', { message: 'The token has no email claim.' });
    const [created] = await db
      .insert(users)
      .values({ email: identity.email.toLowerCase(), externalId: identity.externalId })
      .onConflictDoUpdate({ target: users.email, set: { externalId: identity.externalId } })
      .returning();
    return created!;
  }

  /**
   * Makes sure an admin exists. Returns the generated password only when it created the
   * account with one, so the caller can print it once.
   */
  async function ensureAdmin(options: { email?: string | undefined; password?: string | undefined }) {
    const [existing] = await db.select().from(users).where(eq(users.role, 'admin')).limit(1);
    if (existing) return { created: false as const, email: existing.email };
    const email = (options.email ?? DEFAULT_ADMIN_EMAIL).toLowerCase();
    const password = options.password ?? randomBytes(12).toString('base64url');
    const passwordHash = await hashPassword(password);
    await db
      .insert(users)
      .values({ email, passwordHash, role: 'admin' })
      .onConflictDoUpdate({ target: users.email, set: { role: 'admin', passwordHash } });
    return {
      created: true as const,
      email,
      generatedPassword: options.password ? undefined : password,
    };
  }

  return { register, login, resolveIdentity, ensureAdmin };
}

export type AuthService = ReturnType<typeof createAuthService>;
