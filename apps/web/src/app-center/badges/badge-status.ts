import type { UserBadge } from '@insignia/contract';
import { shortAddress } from '../../wallet/short-address.ts';
import { formatDate, formatDateTime } from '../format.ts';

export type StatusTone = 'success' | 'info' | 'warning' | 'neutral' | 'danger';

export interface BadgeStatusView {
  label: string;
  tone: StatusTone;
  detail: string;
}

/**
 * Where a badge is, in the person's words. A revoked or expired badge says so first, whatever
 * its wallet or vault state. Database-only badges are simply "Awarded": no wallet, vault or
 * claim talk for them.
 */
export function describeBadgeStatus(badge: UserBadge): BadgeStatusView {
  if (badge.revoked) {
    const reason = badge.revoked.reason.trim();
    return {
      label: 'Revoked',
      tone: 'danger',
      detail: `Revoked on ${formatDate(badge.revoked.at)}${reason ? `: ${reason.replace(/\.$/, '')}` : ''}.`,
    };
  }
  if (badge.expired) {
    const on = badge.validUntil ? ` on ${formatDate(badge.validUntil)}` : '';
    return {
      label: 'Expired',
      tone: 'neutral',
      detail: `Expired${on}. It no longer counts toward your level.`,
    };
  }
  if (badge.type === 'database') {
    return { label: 'Awarded', tone: 'success', detail: `Awarded ${formatDateTime(badge.issuedAt)}.` };
  }
  const wallet = badge.walletAddress ? shortAddress(badge.walletAddress) : 'your wallet';
  const claim = badge.claim;
  switch (badge.status) {
    case 'issued':
      return { label: 'In your wallet', tone: 'success', detail: `Minted to ${wallet}.` };
    case 'claimed':
      return {
        label: 'Claimed',
        tone: 'success',
        detail: `Transferred to ${claim ? shortAddress(claim.walletAddress) : wallet}${claim?.completedAt ? ` on ${formatDateTime(claim.completedAt)}` : ''}.`,
      };
    case 'claim_requested': {
      const to = claim ? shortAddress(claim.walletAddress) : wallet;
      const moving = claim?.status === 'approved' || claim?.status === 'transferring';
      return {
        label: moving ? 'Being transferred' : 'Claim requested',
        tone: 'info',
        detail: moving
          ? `Approved: moving to your wallet ${to}…`
          : `Waiting for an administrator to approve the transfer to ${to}.`,
      };
    }
    case 'in_vault':
      if (claim?.status === 'rejected')
        return {
          label: 'Claim declined',
          tone: 'warning',
          detail: `Your claim was declined${claim.rejectReason ? `: ${claim.rejectReason}` : ''}. You can claim it again.`,
        };
      if (claim?.status === 'failed')
        return {
          label: 'Held in the vault',
          tone: 'warning',
          detail: 'The last transfer did not go through. You can claim it again.',
        };
      return { label: 'Held in the vault', tone: 'neutral', detail: 'Kept safe for you until you claim it.' };
  }
}
