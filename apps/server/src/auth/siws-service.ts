import { randomBytes } from 'node:crypto';
import { isAddress, type Address } from '@solana/kit';
import type { LinkWallet, SiwsChallenge } from '@insignia/contract';
import type { Db } from '../db/database.ts';
import { isUniqueViolation } from '../db/pg-errors.ts';
import { AppError } from '../errors/app-error.ts';
import type { RateLimits } from '../rate-limit/create-rate-limits.ts';
import { verifyWalletSignature } from './ed25519.ts';
import { formatSiwsMessage, readSiwsNonce } from './siws-message.ts';
import {
  consumeSiwsChallenge,
  deleteExpiredSiwsChallenges,
  findSiwsChallenge,
  insertSiwsChallenge,
} from './siws-challenge-store.ts';
import { findWalletOwnerId, lockUser, setUserWallet, type UserRow } from './user-queries.ts';

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

  async function assertWalletFree(address: Address, userId: string): Promise<void> {
    const ownerId = await findWalletOwnerId(db, address);
    if (ownerId !== undefined && ownerId !== userId) throw new AppError('AUTH__WALLET_TAKEN');
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
      await lockUser(tx, userId);
      await insertSiwsChallenge(
        tx,
        { nonce, userId, address, message, expiresAt },
        { now: issuedAt, keep: MAX_CHALLENGES_PER_USER },
      );
    });
    return { message, nonce, expiresAt: expiresAt.toISOString() };
  }

  /** Deletes every expired challenge (an expired one can never be used); returns how many. */
  function purgeExpired(): Promise<number> {
    return deleteExpiredSiwsChallenges(db, now());
  }

  async function linkWallet(userId: string, input: LinkWallet): Promise<UserRow> {
    const { address } = input;
    if (!isAddress(address)) throw new AppError('VALIDATION__INVALID_ADDRESS');
    const nonce = readSiwsNonce(input.message);
    const challenge = nonce ? await findSiwsChallenge(db, nonce) : undefined;
    // Exact match with what we issued rules out edited domains, addresses and expiry times.
    if (
      !challenge ||
      challenge.userId !== userId ||
      challenge.message !== input.message ||
      challenge.address !== address
    ) {
      throw new AppError('AUTH__SIWS_CHALLENGE_INVALID');
    }
    if (challenge.usedAt) throw new AppError('AUTH__SIWS_NONCE_USED');
    if (challenge.expiresAt.getTime() <= now().getTime()) throw new AppError('AUTH__SIWS_NONCE_EXPIRED');
    if (!verifyWalletSignature(address, input.message, input.signature)) {
      throw new AppError('AUTH__SIWS_INVALID_SIGNATURE');
    }
    let linked: UserRow;
    try {
      linked = await db.transaction(async (tx) => {
        if (!(await consumeSiwsChallenge(tx, challenge.nonce, now())))
          throw new AppError('AUTH__SIWS_NONCE_USED');
        return setUserWallet(tx, userId, address, now());
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
