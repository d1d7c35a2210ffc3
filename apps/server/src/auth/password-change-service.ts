import type { ChangePassword } from '@insignia/contract';
import { recordAuditEvent } from '../audit/audit-event-store.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import { generatePassword } from './generate-password.ts';
import type { PasswordHasher } from './password.ts';
import type { SessionService } from './session-service.ts';
import {
  findPasswordUserByEmail,
  findUserById,
  replacePasswordHash,
  setPasswordHash,
} from './user-queries.ts';

/**
 * Changing a password: by its owner in the app (knowing the current one), or by the operator
 * from the command line when it is lost. Either way the account's other sessions end, since
 * whoever knew the old password may hold one of them.
 */
export function createPasswordChangeService(deps: {
  db: Db;
  passwords: PasswordHasher;
  sessions: Pick<SessionService, 'endOthers'>;
}) {
  const { db, passwords, sessions } = deps;

  /**
   * The owner's change: `keepSessionId` (the session they changed it from) stays signed in.
   * Resolves with the user's id (for the audit log) and how many other sessions ended.
   */
  async function changePassword(
    userId: string,
    keepSessionId: string | undefined,
    input: ChangePassword,
  ): Promise<{ userId: string; endedOtherSessions: number }> {
    const user = await findUserById(db, userId);
    if (!user) throw new AppError('AUTH__TOKEN_INVALID');
    if (!user.passwordHash) throw new AppError('AUTH__PASSWORD_NOT_SET');
    const check = await passwords.verify(input.currentPassword, user.passwordHash);
    if (!check.ok) throw new AppError('AUTH__CURRENT_PASSWORD_WRONG');
    // Only over the hash just checked: if it changed meanwhile, the "current" one given is not.
    const replaced = await replacePasswordHash(
      db,
      user.id,
      user.passwordHash,
      await passwords.hash(input.newPassword),
    );
    if (!replaced) throw new AppError('AUTH__CURRENT_PASSWORD_WRONG');
    const endedOtherSessions = await sessions.endOthers(user.id, keepSessionId);
    await recordAuditEvent(db, {
      action: 'account.password_changed',
      actorId: user.id,
      details: { endedOtherSessions },
    });
    return { userId: user.id, endedOtherSessions };
  }

  /**
   * The operator's recovery: a new generated password for the password account with `email`,
   * every session of it ended. Undefined when no password account has that email.
   */
  async function resetPassword(email: string) {
    const user = await findPasswordUserByEmail(db, email.trim().toLowerCase());
    if (!user?.passwordHash) return undefined;
    const password = generatePassword();
    // The operator's word wins over a change made in the app at this very moment.
    await setPasswordHash(db, user.id, await passwords.hash(password));
    const endedSessions = await sessions.endOthers(user.id, undefined);
    // No actor: the operator acted from the server's command line, outside any account.
    await recordAuditEvent(db, {
      action: 'account.password_reset',
      userId: user.id,
      details: { from: 'command line', endedSessions },
    });
    return { userId: user.id, email: user.email, role: user.role, password, endedSessions };
  }

  return { changePassword, resetPassword };
}
