import type { UserBadge } from '@insignia/contract';
import { shortAddress } from '../../wallet/short-address.ts';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Claims the administrator declined: each with the reason they gave, so it reads as declined. */
export function DeclinedClaims({ declined }: { declined: readonly UserBadge[] }) {
  if (declined.length === 0) return null;
  return (
    <div className="notice notice--warning" data-testid="claim-declined">
      <p className="notice__title">
        {declined.length === 1 ? 'A claim was declined' : `${declined.length} claims were declined`}
      </p>
      <ul className="declined">
        {declined.map((badge) => (
          <li key={badge.issuanceId}>
            <strong>{badge.name}</strong>:{' '}
            {badge.claim?.rejectReason ? `“${badge.claim.rejectReason}”` : 'no reason was given'}
          </li>
        ))}
      </ul>
      <p>The badge stays safe in the vault; you can claim it again below.</p>
    </div>
  );
}

/** Claims sent: what happens next, from the badges' own status (so it cannot go stale). */
export function ClaimPending({ pending }: { pending: readonly UserBadge[] }) {
  const moving = pending.filter((b) => b.claim?.status === 'approved' || b.claim?.status === 'transferring');
  const to = pending[0]?.claim?.walletAddress;
  return (
    <p className="next-step__text" data-testid="claim-pending">
      {moving.length > 0
        ? `Approved: ${plural(moving.length, 'badge is', 'badges are')} moving to your wallet${to ? ` ${shortAddress(to)}` : ''}. `
        : `${plural(pending.length, 'badge', 'badges')} (${pending.map((b) => b.name).join(', ')}) ${pending.length === 1 ? 'waits' : 'wait'} for an administrator to approve the transfer to your wallet${to ? ` ${shortAddress(to)}` : ''}. `}
      This page updates by itself, and you get an email when it is done.
    </p>
  );
}
