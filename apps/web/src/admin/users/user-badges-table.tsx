import type { AdminUserDetail } from '@insignia/contract';
import { formatDateTime } from '../common/format.ts';
import { StatusTag } from '../common/status-tag.tsx';
import { ValidityTag } from '../common/validity-tag.tsx';
import { RevokeAction } from '../revocations/revoke-action.tsx';

/** A person's badge issuances: status, when issued, whether each is still valid; revoke one. */
export function UserBadgesTable({
  badges,
  email,
  onRevoked,
}: {
  badges: AdminUserDetail['badges'];
  email: string;
  onRevoked: () => void;
}) {
  if (badges.length === 0) return <p className="muted">No badges issued.</p>;
  return (
    <div className="table-wrap">
      <table className="table" data-testid="user-badges">
        <caption className="visually-hidden">Badges, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Badge</th>
            <th scope="col">Status</th>
            <th scope="col">Issued</th>
            <th scope="col">Validity</th>
            <th scope="col">Revocation</th>
          </tr>
        </thead>
        <tbody>
          {badges.map((b) => (
            <tr key={b.issuanceId}>
              <td data-label="Badge">{b.name}</td>
              <td data-label="Status">
                <StatusTag status={b.status} />
              </td>
              <td data-label="Issued">{formatDateTime(b.issuedAt)}</td>
              <td data-label="Validity">
                {/* A revocation has its own column, with its reason and what happened on chain. */}
                {b.validUntil ? (
                  <ValidityTag validUntil={b.validUntil} expired={b.expired} />
                ) : (
                  <span className="muted">Never expires</span>
                )}
              </td>
              <td data-label="Revocation">
                <RevokeAction
                  issuance={{
                    id: b.issuanceId,
                    status: b.status,
                    revocation: b.revocation,
                    badge: { name: b.name },
                    user: { email },
                  }}
                  onRevoked={onRevoked}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
