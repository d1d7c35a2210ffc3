import { randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, lte, notInArray } from 'drizzle-orm';
import { isAddress } from '@solana/kit';
import type { LinkWallet, SiwsChallenge } from '@insignia/contract';
import type { Db } from '../db/database.ts';
import { isUniqueViolation } from '../db/pg-errors.ts';
import { AppError } from '../errors/app-error.ts';
import type { RateLimits } from '../rate-limit/create-rate-limits.ts';
import { siwsChallenges, users } from './auth-schema.ts';
import { verifyWalletSignature } from './ed25519.ts';
import { formatSiwsMessage, readSiwsNonce } from './siws-message.ts';
import type { UserRow } from './user-queries.ts';

const CHALLENGE_TTL_MS = 10 * 60_000;
/** Challenges a user may hold at once; asking for another drops the oldest. */
export const MAX_CHALLENGES_PER_USER = 5;
/** Each challenge is a row: enough for retries and a few tabs, not for filling the table. */
export const CHALLENGES_PER_USER_PER_MINUTE = 10;

/** Wallet linking by Sign-In-With-Solana: issue a challenge, verify its signature once. */
export function createSiwsService(deps: {
  db: Db;
  rateLimits: Pick<RateLimits, 'consume'>;
  publicUrl: string;
  chainId: string;
  now?: () => Date;
  /** Called after a wallet is linked (the NFT status depends on it). */
  onWalletLinked?: (userId: string) => Promise<void>;
}) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const domain = new URL(deps.publicUrl).host;

  async function assertWalletFree(address: string, userId: string): Promise<void> {
    const [owner] = await db.select({ id: users.id }).from(users).where(eq(users.walletAddress, address));
    if (owner && owner.id !== userId) throw new AppError('AUTH__WALLET_TAKEN');
  }

  async function createChallenge(userId: string, address: string): Promise<SiwsChallenge> {
    if (!isAddress(address)) throw new AppError('VALIDATION__INVALID_ADDRESS');
    await deps.rateLimits.consume(`siws-challenge:${userId}`, CHALLENGES_PER_USER_PER_MINUTE, 60_000);
    await assertWalletFree(address, userId);
    const nonce = randomBytes(16).toString('hex');
    const issuedAt = now();
    const expiresAt = new Date(issuedAt.getTime() + CHALLENGE_TTL_MS);
    const message = formatSiwsMessage({
      domain,
      address,
      statement: 'Link this wallet to your Insignia account. This request costs nothing.',
      uri: deps.publicUrl,
      chainId: deps.chainId,
      nonce,
      issuedAt: issuedAt.toISOString(),
      expirationTime: expiresAt.toISOString(),
    });
    await db.transaction(async (tx) => {
      // One writer per user at a time, so concurrent requests cannot overshoot the cap.
      await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
      await tx
        .delete(siwsChallenges)
        .where(and(eq(siwsChallenges.userId, userId), lte(siwsChallenges.expiresAt, issuedAt)));
      await tx.insert(siwsChallenges).values({ nonce, userId, address, message, expiresAt });
      const newest = tx
        .select({ nonce: siwsChallenges.nonce })
        .from(siwsChallenges)
        .where(eq(siwsChallenges.userId, userId))
        .orderBy(desc(siwsChallenges.expiresAt), desc(siwsChallenges.createdAt))
        .limit(MAX_CHALLENGES_PER_USER);
      await tx
        .delete(siwsChallenges)
        .where(and(eq(siwsChallenges.userId, userId), notInArray(siwsChallenges.nonce, newest)));
    });
    return { message, nonce, expiresAt: expiresAt.toISOString() };
  }

  /** Deletes every expired challenge (an expired one can never be used); returns how many. */
  async function purgeExpired(): Promise<number> {
    const purged = await db
      .delete(siwsChallenges)
      .where(lte(siwsChallenges.expiresAt, now()))
      .returning({ nonce: siwsChallenges.nonce });
    return purged.length;
  }

  async function linkWallet(userId: string, input: LinkWallet): Promise<UserRow> {
    if (!isAddress(input.address)) throw new AppError('VALIDATION__INVALID_ADDRESS');
    const nonce = readSiwsNonce(input.message);
    const [challenge] = nonce
      ? await db.select().from(siwsChallenges).where(eq(siwsChallenges.nonce, nonce))
      : [];
    // Exact match with what we issued rules out edited domains, addresses and expiry times.
    if (
      !challenge ||
      challenge.userId !== userId ||
      challenge.message !== input.message ||
      challenge.address !== input.address
    ) {
      throw new AppError('AUTH__SIWS_CHALLENGE_INVALID');
    }
    if (challenge.usedAt) throw new AppError('AUTH__SIWS_NONCE_USED');
    if (challenge.expiresAt.getTime() <= now().getTime()) throw new AppError('AUTH__SIWS_NONCE_EXPIRED');
    if (!verifyWalletSignature(input.address, input.message, input.signature)) {
      throw new AppError('AUTH__SIWS_INVALID_SIGNATURE');
    }
    let linked: UserRow;
    try {
      linked = await db.transaction(async (tx) => {
        const consumed = await tx
          .update(siwsChallenges)
          .set({ usedAt: now() })
          .where(and(eq(siwsChallenges.nonce, challenge.nonce), isNull(siwsChallenges.usedAt)))
          .returning({ nonce: siwsChallenges.nonce });
        if (consumed.length === 0) throw new AppError('AUTH__SIWS_NONCE_USED');
        const [user] = await tx
          .update(users)
          .set({ walletAddress: input.address, walletLinkedAt: now() })
          .where(eq(users.id, userId))
          .returning();
        return user!;
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('AUTH__WALLET_TAKEN');
      throw e;
    }
    await deps.onWalletLinked?.(userId);
    return linked;
  }

  return { createChallenge, linkWallet, purgeExpired };
}

export type SiwsService = ReturnType<typeof createSiwsService>;
