import { emailSchema, type Credentials } from '@insignia/contract';
import type { Db } from '../db/database.ts';
import { isUniqueViolation } from '../db/pg-errors.ts';
import { AppError } from '../errors/app-error.ts';
import { generatePassword } from './generate-password.ts';
import type { PasswordHasher } from './password.ts';
import type { SessionService } from './session-service.ts';
import type { TokenIdentity, TokenService } from './token-service.ts';
import {
  findAnyAdmin,
  findPasswordUserByEmail,
  findUserByExternalId,
  findUserById,
  findVerifiedUserByEmail,
  insertHostUser,
  insertPasswordUser,
  replacePasswordHash,
  setUserExternalId,
  upsertAdmin,
  type UserRow,
} from './user-queries.ts';

export const DEFAULT_ADMIN_EMAIL = 'admin@insignia.local';

export function createAuthService(deps: {
  db: Db;
  tokens: TokenService;
  sessions: Pick<SessionService, 'start' | 'endAll'>;
  passwords: PasswordHasher;
}) {
  const { db, tokens, sessions, passwords } = deps;

  /** Checks a password against a user (or a dummy hash, so timing does not reveal who exists). */
  async function checkPassword(user: UserRow | undefined, password: string): Promise<UserRow> {
    const check = await passwords.verify(password, user?.passwordHash ?? (await passwords.dummyHash()));
    if (!user?.passwordHash || !check.ok) throw new AppError('AUTH__INVALID_CREDENTIALS');
    if (check.needsRehash) {
      // Hashed at an older, lower cost: now that we hold the password, store it at today's.
      // Only over the hash just checked, so a password changed meanwhile is never undone.
      await replacePasswordHash(db, user.id, user.passwordHash, await passwords.hash(password));
    }
    return user;
  }

  async function register(input: Credentials): Promise<{ token: string; user: UserRow }> {
    const passwordHash = await passwords.hash(input.password);
    // Someone already proved this address: a second account for it could never verify it.
    if (await findVerifiedUserByEmail(db, input.email)) throw new AppError('AUTH__EMAIL_TAKEN');
    try {
      const user = await insertPasswordUser(db, input.email, passwordHash);
      return { token: await sessions.start(user), user };
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('AUTH__EMAIL_TAKEN');
      throw e;
    }
  }

  async function login(input: {
    email: string;
    password: string;
  }): Promise<{ token: string; user: UserRow }> {
    const user = await checkPassword(await findPasswordUserByEmail(db, input.email), input.password);
    return { token: await sessions.start(user), user };
  }

  /**
   * The user behind a verified token. A host-platform identity binds by its host id only:
   * an unknown id gets a new account of its own, keeping the email it claims as unverified,
   * never the account that happens to use that email. A host token never opens an admin.
   */
  async function resolveIdentity(identity: TokenIdentity): Promise<UserRow> {
    if (identity.source === 'insignia') {
      const user = await findUserById(db, identity.userId);
      if (!user) throw new AppError('AUTH__TOKEN_INVALID');
      return user;
    }
    const known = await findUserByExternalId(db, identity.externalId);
    if (known) return hostUsable(known);
    const email = emailSchema.safeParse(identity.email ?? '');
    if (!email.success)
      throw new AppError('AUTH__TOKEN_INVALID', undefined, {
        message: 'The token has no valid email claim.',
      });
    const created = await insertHostUser(db, email.data, identity.externalId);
    if (created) return created;
    // A concurrent first request created it.
    const raced = await findUserByExternalId(db, identity.externalId);
    if (!raced) throw new AppError('AUTH__TOKEN_INVALID');
    return hostUsable(raced);
  }

  function hostUsable(user: UserRow): UserRow {
    if (user.role === 'admin') throw new AppError('AUTH__TOKEN_INVALID');
    return user;
  }

  /**
   * Binds a host identity to the caller's password account. Both sides are proven in the one
   * request: the account by its password (not just a session that might be stolen), the host
   * identity by a valid host token. Never for an admin; never taking an id bound elsewhere.
   */
  async function linkHostIdentity(
    userId: string,
    input: { hostToken: string; password: string },
  ): Promise<UserRow> {
    const user = await findUserById(db, userId);
    if (!user) throw new AppError('AUTH__TOKEN_INVALID');
    if (user.role !== 'user') throw new AppError('AUTH__HOST_LINK_FORBIDDEN');
    await checkPassword(user, input.password);
    const identity = await tokens.verifyHostIdentity(input.hostToken);
    if (user.externalId === identity.externalId) return user;
    if (user.externalId) throw new AppError('AUTH__HOST_ALREADY_LINKED');
    if (await findUserByExternalId(db, identity.externalId)) throw new AppError('AUTH__HOST_IDENTITY_TAKEN');
    try {
      const linked = await setUserExternalId(db, userId, identity.externalId);
      if (!linked) throw new AppError('AUTH__HOST_ALREADY_LINKED');
      return linked;
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('AUTH__HOST_IDENTITY_TAKEN');
      throw e;
    }
  }

  /**
   * Makes sure an admin exists. Returns the generated password only when it created the
   * account with one, so the caller can print it once.
   */
  async function ensureAdmin(options: { email?: string | undefined; password?: string | undefined }) {
    const existing = await findAnyAdmin(db);
    if (existing) return { created: false as const, email: existing.email };
    const email = (options.email ?? DEFAULT_ADMIN_EMAIL).toLowerCase();
    const password = options.password ?? generatePassword();
    const passwordHash = await passwords.hash(password);
    // The operator named this address, so it counts as proven. An existing password account
    // with it is promoted (as before); a host-only account with it is left alone.
    const admin = await upsertAdmin(db, email, passwordHash);
    // A promoted account's old sessions were opened by whoever knew its old password (perhaps
    // someone who registered the address first): none of them may carry over to the admin.
    if (admin) await sessions.endAll(admin.id);
    return {
      created: true as const,
      email,
      generatedPassword: options.password ? undefined : password,
    };
  }

  return { register, login, resolveIdentity, linkHostIdentity, ensureAdmin };
}

export type AuthService = ReturnType<typeof createAuthService>;
