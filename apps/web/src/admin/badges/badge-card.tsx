import type { Badge } from '@insignia/contract';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { describeError } from '../../api/api-error.ts';
import { ErrorNotice } from '../../layout/error-notice.tsx';
import { useAdminApi } from '../admin-context.tsx';
import { ConfirmButton } from '../common/confirm-button.tsx';
import { shorten } from '../common/format.ts';
import { StatusTag } from '../common/status-tag.tsx';

const statusLabel = {
  creating: 'Creating mint…',
  active: 'Active',
  failed: 'Mint failed',
  archived: 'Archived',
} as const;

/** One badge in the catalogue: image, type, status, token id, and its actions. */
export function BadgeCard({
  badge,
  onEdit,
  onChanged,
}: {
  badge: Badge;
  onEdit: () => void;
  onChanged: () => void;
}) {
  const api = useAdminApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function change(work: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await work();
      onChanged();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className="badge-card" data-testid={`badge-${badge.name}`}>
      <div className="badge-card__image">
        {badge.image ? <img src={badge.image.gatewayUrl} alt="" /> : <span aria-hidden="true">★</span>}
      </div>
      <div className="badge-card__body">
        <h3>{badge.name}</h3>
        <p className="badge-card__tags">
          <span className="tag">{badge.type === 'blockchain' ? 'Blockchain' : 'Database only'}</span>
          <StatusTag status={badge.status} label={statusLabel[badge.status]} />
          {badge.category && <span className="muted">{badge.category.name}</span>}
        </p>
        {badge.description && <p className="muted">{badge.description}</p>}
        {badge.mintAddress && (
          <p className="muted">
            Token id <code title={badge.mintAddress}>{shorten(badge.mintAddress, 6)}</code>
          </p>
        )}
        {badge.lastError && <p className="cell-error">{badge.lastError}</p>}
        <p className="muted">
          Issued {badge.issuedCount} time{badge.issuedCount === 1 ? '' : 's'} ·{' '}
          {badge.validityDays === null
            ? 'never expires'
            : `valid for ${badge.validityDays} day${badge.validityDays === 1 ? '' : 's'}`}
        </p>
        {error && <ErrorNotice message={error} />}
        <div className="button-row">
          {badge.status === 'active' && (
            <Link className="button button--small button--primary" to={`/admin/issuance?badge=${badge.id}`}>
              Issue
            </Link>
          )}
          {badge.status === 'failed' && (
            <button
              className="button button--small button--primary"
              type="button"
              disabled={busy}
              onClick={() => void change(() => api.badges.retryMint(badge.id))}
            >
              Retry the mint
            </button>
          )}
          <button
            className="button button--small"
            type="button"
            onClick={onEdit}
            aria-label={`Edit ${badge.name}`}
          >
            Edit
          </button>
          {badge.status === 'archived' ? (
            <button
              className="button button--small"
              type="button"
              disabled={busy}
              onClick={() => void change(() => api.badges.updateBadge(badge.id, { archived: false }))}
            >
              Restore
            </button>
          ) : (
            <ConfirmButton
              label={badge.issuedCount > 0 || badge.mintAddress ? 'Archive' : 'Delete'}
              question={badge.issuedCount > 0 || badge.mintAddress ? 'Archive it?' : 'Delete it?'}
              confirmLabel="Yes"
              busyLabel="Working…"
              busy={busy}
              danger
              onConfirm={() => void change(() => api.badges.deleteBadge(badge.id))}
            />
          )}
        </div>
      </div>
    </li>
  );
}
