import type { ClaimRequestedWebhook, ClaimView } from '@insignia/contract';
import { applyIssuanceEvent } from '../badges/issuance-store.ts';
import { writeBadgeLog } from '../badges/badge-log-store.ts';
import type { Db } from '../db/database.ts';
import { isUniqueViolation } from '../db/pg-errors.ts';
import { AppError } from '../errors/app-error.ts';
import { writeOutboxEvent } from '../events/outbox-store.ts';
import type { WebhookSender } from '../webhooks/webhook-sender.ts';
import { BADGES_TOPIC } from './claim-effects.ts';
import { claimRefusal } from './claim-eligibility.ts';
import { findJoinedClaim, listUserClaims, toClaimView } from './claim-queries.ts';
import { insertClaim, lockClaimCandidates, lockUserWallet, type Tx } from './claim-store.ts';

/**
 * The user's side of claims: submit claims of vaulted badges to the profile wallet, and list
 * them. A submission is one transaction: every issuance is checked and locked, then the claim
 * intents, issuance statuses, audit entries, outbox events and admin webhooks are written
 * together, or nothing is.
 */
export function createClaimService(deps: {
  db: Db;
  webhooks: Pick<WebhookSender, 'enqueue'>;
  /** Where `claim.requested` is POSTed (signed); no webhook when unset. */
  adminWebhookUrl: string | undefined;
  /** After a commit: invalidate the user's badges, wake the outbox and webhook loops. */
  onSubmitted(userId: string): Promise<void>;
}) {
  const { db } = deps;

  async function lockCandidates(tx: Tx, userId: string, issuanceIds: string[]) {
    const rows = await lockClaimCandidates(tx, issuanceIds);
    const byId = new Map(rows.map((r) => [r.issuance.id, r]));
    return issuanceIds.map((issuanceId) => {
      const row = byId.get(issuanceId);
      // Someone else's issuance looks exactly like a missing one.
      if (!row || row.issuance.userId !== userId)
        throw new AppError('CLAIM__ISSUANCE_NOT_FOUND', { issuanceId });
      const refusal = claimRefusal({
        status: row.issuance.status,
        destination: row.issuance.destination,
        badgeType: row.badge.badgeType,
        mintAddress: row.badge.mintAddress,
        revokedAt: row.issuance.revokedAt,
        validUntil: row.issuance.validUntil,
      });
      if (refusal) throw new AppError(refusal, { issuanceId, status: row.issuance.status });
      // Refused above already: only an on-chain badge with a mint may be claimed.
      const tokenId = row.badge.mintAddress;
      if (tokenId === null)
        throw new AppError('CLAIM__NOT_IN_VAULT', { issuanceId, status: row.issuance.status });
      return { ...row, tokenId };
    });
  }

  async function submit(userId: string, issuanceIds: string[]): Promise<ClaimView[]> {
    let claimIds: string[];
    try {
      claimIds = await db.transaction(async (tx) => {
        const wallet = await lockUserWallet(tx, userId);
        if (!wallet) throw new AppError('CLAIM__WALLET_NOT_LINKED');
        const ids: string[] = [];
        for (const { issuance, badge, tokenId } of await lockCandidates(tx, userId, issuanceIds)) {
          const metadataUri = issuance.metadataUri ?? badge.metadataUri;
          const claim = await insertClaim(tx, {
            issuanceId: issuance.id,
            userId,
            walletAddress: wallet,
            tokenId,
            metadataUri,
          });
          await applyIssuanceEvent(tx, [issuance], { type: 'claim_requested' });
          await writeBadgeLog(tx, {
            actionType: 'claim.requested',
            entityType: 'claim',
            badgeId: badge.id,
            issuanceId: issuance.id,
            userId,
            claimId: claim.id,
            performedBy: userId,
            walletAddress: wallet,
            oldValue: { issuanceStatus: issuance.status },
            newValue: { status: claim.status, issuanceStatus: 'claim_requested', tokenId: claim.tokenId },
          });
          const payload: ClaimRequestedWebhook = {
            claimId: claim.id,
            issuanceId: issuance.id,
            badgeId: badge.id,
            badgeName: badge.name,
            tokenId: claim.tokenId,
            metadataUri,
            walletAddress: wallet,
            userHash: issuance.recipientHash,
            submittedAt: claim.submittedAt.toISOString(),
          };
          const eventId = await writeOutboxEvent(tx, {
            topic: BADGES_TOPIC,
            type: 'claim.requested',
            key: userId,
            payload,
          });
          if (deps.adminWebhookUrl) {
            await deps.webhooks.enqueue(
              {
                url: deps.adminWebhookUrl,
                eventType: 'claim.requested',
                eventId,
                payload,
                dedupeKey: `claim-requested:${claim.id}`,
              },
              { tx },
            );
          }
          ids.push(claim.id);
        }
        return ids;
      });
    } catch (e) {
      // Two submissions racing for one badge: the partial unique index lets one through.
      if (isUniqueViolation(e, 'claim_intents_one_live_per_issuance'))
        throw new AppError('CLAIM__ALREADY_REQUESTED');
      throw e;
    }
    await deps.onSubmitted(userId);
    const views = await Promise.all(claimIds.map((id) => findJoinedClaim(db, id)));
    return views.map((v) => {
      // Claims are never deleted: each one just committed is there.
      if (!v) throw new AppError('INTERNAL', undefined, { message: 'A submitted claim vanished.' });
      return toClaimView(v);
    });
  }

  return {
    submit,
    async list(userId: string): Promise<ClaimView[]> {
      return (await listUserClaims(db, userId)).map(toClaimView);
    },
  };
}

export type ClaimService = ReturnType<typeof createClaimService>;
