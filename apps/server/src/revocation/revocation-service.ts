import type { Revocation, RevocationPreview, RevocationsQuery, RevokeBadge } from '@insignia/contract';
import type { Address } from '@solana/kit';
import { writeBadgeLogs, type BadgeLogEntry } from '../badges/badge-log-store.ts';
import { findTokenAccount } from '../chain/find-token-account.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import type { Mailer } from '../mail/mailer.ts';
import { decideRevocation } from './decide-revocation.ts';
import {
  findIssuanceWithBadge,
  listRevocations,
  loadRevocationView,
  lockIssuanceForRevocation,
  recordRevocation,
} from './revocation-store.ts';

export interface RevocationServiceDeps {
  db: Db;
  keys: Readonly<{ authority: Address; vault: Address }>;
  mailer: Pick<Mailer, 'enqueue'>;
  /** After a revocation commits: drop the user's cached badges and NFT status, wake the mailer. */
  onRevoked(userId: string): Promise<void>;
}

/**
 * An admin revokes an issued badge with a reason. One transaction, the issuance row locked as a
 * claim locks it: `revoked_at` (all the credential's status list reads), the revocation row
 * with its chain action, the person's notice and email, the audit entries. A second revoke of
 * the same issuance answers with the first one (idempotent; the reason is kept).
 */
export function createRevocationService(deps: RevocationServiceDeps) {
  const { db } = deps;

  async function revoke(
    actorId: string,
    input: RevokeBadge,
  ): Promise<{ created: boolean; revocation: Revocation }> {
    const created = await db.transaction(async (tx) => {
      const row = await lockIssuanceForRevocation(tx, input.issuanceId);
      if (!row) throw new AppError('REVOKE__ISSUANCE_NOT_FOUND');
      const { issuance, badge } = row;
      if (issuance.revokedAt) return false;
      const decision = decideRevocation(issuance, badge, deps.keys);
      if (!decision.ok) throw new AppError(decision.code);
      const { chainAction, owner } = decision;
      const settledAtOnce = chainAction === 'none' || chainAction === 'status_list_only';
      const now = new Date();
      const tokenAccount =
        owner && badge.mintAddress ? await findTokenAccount(owner, badge.mintAddress) : null;
      const { email: to } = await recordRevocation(tx, {
        issuanceId: issuance.id,
        reason: input.reason,
        revokedBy: actorId,
        chainAction,
        status: settledAtOnce ? 'done' : 'pending',
        tokenAccount,
        completedAt: settledAtOnce ? now : null,
        ...(chainAction === 'status_list_only'
          ? { lastError: "The badge's mint predates on-chain revocation: the token stays in the wallet." }
          : {}),
        userId: issuance.userId,
        at: now,
      });
      const email = to
        ? await deps.mailer.enqueue(
            {
              type: 'badge_revoked',
              to,
              userId: issuance.userId,
              issuanceId: issuance.id,
              dedupeKey: `badge_revoked:${issuance.id}`,
              data: { badgeName: badge.name, reason: input.reason },
            },
            { tx },
          )
        : undefined;
      const entity = {
        entityType: 'issuance',
        badgeId: badge.id,
        issuanceId: issuance.id,
        userId: issuance.userId,
      };
      const logs: BadgeLogEntry[] = [
        {
          ...entity,
          actionType: 'issuance.revoked',
          performedBy: actorId,
          walletAddress: owner === deps.keys.vault ? null : owner,
          oldValue: { status: issuance.status, revokedAt: null },
          newValue: {
            status: issuance.status,
            reason: input.reason,
            chainAction,
            revokedAt: now.toISOString(),
          },
        },
      ];
      if (email?.created)
        logs.push({
          ...entity,
          actionType: 'email.enqueued',
          newValue: { emailId: email.id, type: 'badge_revoked' },
        });
      await writeBadgeLogs(tx, logs);
      return { userId: issuance.userId };
    });
    if (created) await deps.onRevoked(created.userId);
    const revocation = await loadRevocationView(db, input.issuanceId);
    if (!revocation)
      throw new AppError('INTERNAL', undefined, { message: `revocation of ${input.issuanceId} vanished` });
    return { created: Boolean(created), revocation };
  }

  /** What revoking this issuance would do now (the console asks before confirming). */
  async function preview(issuanceId: string): Promise<RevocationPreview> {
    const row = await findIssuanceWithBadge(db, issuanceId);
    if (!row) throw new AppError('REVOKE__ISSUANCE_NOT_FOUND');
    const existing = await loadRevocationView(db, issuanceId);
    if (existing)
      return {
        issuanceId,
        allowed: false,
        refusal: null,
        chainAction: existing.chainAction,
        revocation: existing,
      };
    const decision = decideRevocation(row.issuance, row.badge, deps.keys);
    return decision.ok
      ? { issuanceId, allowed: true, refusal: null, chainAction: decision.chainAction, revocation: null }
      : { issuanceId, allowed: false, refusal: decision.code, chainAction: null, revocation: null };
  }

  return {
    revoke,
    preview,
    list: (query: RevocationsQuery) => listRevocations(db, query),
    get: (issuanceId: string) => loadRevocationView(db, issuanceId),
  };
}
