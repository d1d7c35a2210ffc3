import { writeBadgeLog } from '../badges/badge-log-store.ts';
import { writeOutboxEvent } from '../events/outbox-store.ts';
import type { Mailer } from '../mail/mailer.ts';
import { applyIssuanceEvent } from '../badges/issuance-store.ts';
import { issuanceEventFor, type ClaimEvent } from './claim-machine.ts';
import { loadClaimEffectContext } from './claim-queries.ts';
import type { ClaimEffects } from './claim-store.ts';
import { AppError } from '../errors/app-error.ts';

/** The badge_logs action of each claim event. */
const logActions: Record<ClaimEvent['type'], string> = {
  approved: 'claim.approved',
  rejected: 'claim.rejected',
  sent: 'claim.transfer_sent',
  confirmed: 'claim.completed',
  expired: 'claim.transfer_expired',
  deferred: 'claim.transfer_deferred',
  failed: 'claim.failed',
};

/** Outbox events a claim status announces; `badge.claimed` is pushed live to the user. */
const outboxTypes: Partial<Record<string, string>> = {
  approved: 'claim.approved',
  rejected: 'claim.rejected',
  failed: 'claim.failed',
  completed: 'badge.claimed',
};

export const BADGES_TOPIC = 'insignia.badges';

/**
 * Everything a claim transition changes besides the claim row, in the same transaction: the
 * issuance status (claimed, or back in the vault), one badge_logs entry, the outbox event and,
 * on completion, the `claim_confirmed` email.
 */
export function createClaimEffects(deps: { mailer: Pick<Mailer, 'enqueue'> }): ClaimEffects {
  return async (tx, { before, after, event, actorId }) => {
    const ctx = await loadClaimEffectContext(tx, after.issuanceId);
    // The foreign keys keep a claim's issuance, badge and user: their absence is a bug.
    if (!ctx) throw new AppError('INTERNAL', undefined, { message: `Claim ${after.id} lost its issuance.` });
    const issuance = ctx.issuance;
    const issuanceEvent = issuanceEventFor(after.status);
    let issuanceStatus = issuance.status;
    if (issuanceEvent) {
      const [updated] = await applyIssuanceEvent(tx, [issuance], { type: issuanceEvent }, () =>
        issuanceEvent === 'claim_completed' ? { walletAddress: after.walletAddress } : {},
      );
      issuanceStatus = updated?.status ?? issuanceStatus;
    }

    const failure = event.type === 'failed' || event.type === 'deferred' || event.type === 'expired';
    await writeBadgeLog(tx, {
      actionType: logActions[event.type],
      entityType: 'claim',
      badgeId: issuance.badgeId,
      issuanceId: issuance.id,
      userId: after.userId,
      claimId: after.id,
      performedBy: actorId,
      blockchainTxSignature: after.transferSignature,
      walletAddress: after.walletAddress,
      oldValue: { status: before.status, issuanceStatus: issuance.status },
      newValue: {
        status: after.status,
        issuanceStatus,
        signingMode: after.signingMode,
        ...(after.adminWallet ? { adminWallet: after.adminWallet } : {}),
        ...(event.type === 'rejected' ? { reason: event.reason } : {}),
        ...(actorId ? {} : { by: 'worker' }),
      },
      status: failure ? 'error' : 'ok',
      errorMessage: failure ? `${after.errorCode}: ${after.lastError}` : null,
    });

    const outboxType = before.status === after.status ? undefined : outboxTypes[after.status];
    if (outboxType) {
      await writeOutboxEvent(tx, {
        topic: BADGES_TOPIC,
        type: outboxType,
        key: after.userId,
        payload: {
          claimId: after.id,
          issuanceId: issuance.id,
          badgeId: issuance.badgeId,
          badgeName: ctx.badgeName,
          tokenId: after.tokenId,
          walletAddress: after.walletAddress,
          status: after.status,
          transferSignature: after.transferSignature,
          ...(after.rejectReason && after.status === 'rejected' ? { reason: after.rejectReason } : {}),
          ...(after.errorCode && after.status === 'failed' ? { errorCode: after.errorCode } : {}),
        },
      });
    }

    // Without a signature (the admin's wallet sent a transfer itself) there is no id to mail.
    if (after.status === 'completed' && before.status !== 'completed' && after.transferSignature) {
      await deps.mailer.enqueue(
        {
          type: 'claim_confirmed',
          to: ctx.email,
          userId: after.userId,
          issuanceId: issuance.id,
          claimId: after.id,
          dedupeKey: `claim_confirmed:${after.id}`,
          data: {
            badgeName: ctx.badgeName,
            walletAddress: after.walletAddress,
            transferSignature: after.transferSignature,
          },
        },
        { tx },
      );
    }
  };
}
