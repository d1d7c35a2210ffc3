import { createHmac, hkdfSync, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { EmailCodeSent } from '@insignia/contract';
import type { Db } from '../db/database.ts';
import { isUniqueViolation } from '../db/pg-errors.ts';
import { AppError } from '../errors/app-error.ts';
import type { Mailer } from '../mail/mailer.ts';
import {
  countGuess,
  findCodeTimesSince,
  insertVerificationCode,
  retireUnusedCodes,
  useCode,
} from './email-verification-store.ts';
import { findUserById, lockUser as lockUserRow, markEmailVerified, type UserRow } from './user-queries.ts';

/** Short enough that a leaked mailbox later is no use; long enough to switch to the mail app. */
const CODE_TTL_MS = 15 * 60_000;
/** Wrong guesses per code; with the send limits below, at most 50 guesses a day (1 in 20,000). */
const MAX_ATTEMPTS = 5;
const RESEND_AFTER_MS = 60_000;
const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;
/** Codes per account: a few an hour for a slow mailbox, and a day cap on total guesses. */
const MAX_CODES_PER_HOUR = 5;
const MAX_CODES_PER_DAY = 10;

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * Proves a user owns their email address with a 6-digit code sent by email. Only an HMAC of
 * each code is stored; the newest code is the only live one; it is used once. On success,
 * `onVerified` runs in the same transaction (attach what waited for the address) and
 * `afterVerified` after commit (slower follow-ups that may be retried).
 */
export function createEmailVerification(deps: {
  db: Db;
  mailer: Pick<Mailer, 'enqueue'>;
  /** Keys the code HMAC: a database dump alone cannot be searched for codes. */
  secret: string;
  onVerified?: (tx: Tx, user: UserRow) => Promise<void>;
  afterVerified?: (user: UserRow) => Promise<void>;
  wakeMailer?: () => void;
  now?: () => Date;
}) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const key = Buffer.from(hkdfSync('sha256', deps.secret, 'insignia', 'email-verification-code', 32));
  const hashCode = (codeId: string, code: string) =>
    createHmac('sha256', key).update(`${codeId}:${code}`).digest('hex');

  async function lockUser(tx: Tx, userId: string): Promise<UserRow> {
    const user = await lockUserRow(tx, userId);
    if (!user) throw new AppError('AUTH__TOKEN_INVALID');
    return user;
  }

  /** Emails a fresh code (the previous one stops working); refused when asked too often. */
  async function sendCode(userId: string): Promise<EmailCodeSent> {
    const sent = await db.transaction(async (tx) => {
      // The row lock serialises two clicks on "resend": one passes the limits, one waits.
      const user = await lockUser(tx, userId);
      if (user.emailVerifiedAt) throw new AppError('AUTH__EMAIL_ALREADY_VERIFIED');
      const at = now();
      const recent = await findCodeTimesSince(tx, userId, new Date(at.getTime() - DAY_MS));
      const retryAt = nextSendAt(recent, at);
      if (retryAt > at) throw new AppError('AUTH__EMAIL_CODE_LIMIT', { resendAfter: retryAt.toISOString() });
      await retireUnusedCodes(tx, userId, at);
      const id = randomUUID();
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const expiresAt = new Date(at.getTime() + CODE_TTL_MS);
      await insertVerificationCode(tx, {
        id,
        userId,
        email: user.email,
        codeHash: hashCode(id, code),
        expiresAt,
        createdAt: at,
      });
      await deps.mailer.enqueue(
        {
          type: 'email_verification_code',
          to: user.email,
          userId,
          dedupeKey: `email_verification:${id}`,
          data: { code, expiresInMinutes: CODE_TTL_MS / 60_000 },
        },
        { tx },
      );
      return { sentTo: user.email, expiresAt, resendAfter: new Date(at.getTime() + RESEND_AFTER_MS) };
    });
    deps.wakeMailer?.();
    return {
      sentTo: sent.sentTo,
      expiresAt: sent.expiresAt.toISOString(),
      resendAfter: sent.resendAfter.toISOString(),
    };
  }

  /** Checks a code; on success the address is verified and what waited for it attaches. */
  async function verify(userId: string, code: string): Promise<UserRow> {
    const at = now();
    // Each guess is counted (and committed) before it is compared: parallel guesses cannot
    // get past the limit, and a wrong guess is never rolled back.
    const counted = await countGuess(db, userId, at, MAX_ATTEMPTS);
    if (!counted) {
      const user = await findUserById(db, userId);
      if (user?.emailVerifiedAt) throw new AppError('AUTH__EMAIL_ALREADY_VERIFIED');
      throw new AppError('AUTH__EMAIL_CODE_INVALID');
    }
    const expected = Buffer.from(counted.codeHash, 'hex');
    const given = Buffer.from(hashCode(counted.id, code), 'hex');
    if (expected.length !== given.length || !timingSafeEqual(expected, given))
      throw new AppError('AUTH__EMAIL_CODE_INVALID');

    let verified: UserRow;
    try {
      verified = await db.transaction(async (tx) => {
        const user = await lockUser(tx, userId);
        if (user.emailVerifiedAt) throw new AppError('AUTH__EMAIL_ALREADY_VERIFIED');
        const used = await useCode(tx, counted.id, at);
        // Used meanwhile, or sent to an address the account no longer has.
        if (!used || user.email !== counted.email) throw new AppError('AUTH__EMAIL_CODE_INVALID');
        const row = await markEmailVerified(tx, userId, at);
        await deps.onVerified?.(tx, row);
        return row;
      });
    } catch (e) {
      // Another account proved this address first (a unique index allows one verified owner).
      if (isUniqueViolation(e)) throw new AppError('AUTH__EMAIL_TAKEN');
      throw e;
    }
    await deps.afterVerified?.(verified);
    return verified;
  }

  return { sendCode, verify };
}

export type EmailVerification = ReturnType<typeof createEmailVerification>;

/** When the next code may go out, given the times (newest first) of the last day's codes. */
export function nextSendAt(sent: Date[], at: Date): Date {
  const times = [at.getTime()];
  if (sent[0]) times.push(sent[0].getTime() + RESEND_AFTER_MS);
  const lastHour = sent.filter((d) => d.getTime() > at.getTime() - HOUR_MS);
  // A full window has room again once the oldest of its allowed codes leaves it.
  const hourFullSince = lastHour[MAX_CODES_PER_HOUR - 1];
  if (hourFullSince) times.push(hourFullSince.getTime() + HOUR_MS);
  const dayFullSince = sent[MAX_CODES_PER_DAY - 1];
  if (dayFullSince) times.push(dayFullSince.getTime() + DAY_MS);
  return new Date(Math.max(...times));
}
