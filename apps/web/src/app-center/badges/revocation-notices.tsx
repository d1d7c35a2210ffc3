import type { BadgeNotification } from '@insignia/contract';
import { useMutation } from '@tanstack/react-query';
import { describeError } from '../../api/api-error.ts';
import { ErrorNotice } from '../../layout/error-notice.tsx';
import { formatDateTime } from '../format.ts';
import type { Badges } from './use-badges.ts';
import './revocation-notices.css';

/** The reason as a sentence: ends with a full stop unless it already ends a sentence. */
const sentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** Unread notices that an admin revoked one of the person's badges, each dismissed on its own. */
export function RevocationNotices({
  badges,
  items,
}: {
  badges: Badges;
  items: readonly BadgeNotification[];
}) {
  const dismiss = useMutation({
    mutationFn: (id: string) => badges.calls.markRead({ ids: [id] }),
    onSuccess: () => badges.reload(),
  });
  const revoked = items.filter((n) => n.kind === 'revoked' && !n.isRead);
  if (revoked.length === 0) return null;
  const busy = dismiss.isPending ? dismiss.variables : null;
  return (
    <div className="revocation-notices" role="region" aria-label="Revoked badges">
      {dismiss.isError && <ErrorNotice title="Could not dismiss" message={describeError(dismiss.error)} />}
      {revoked.map((n) => (
        <div key={n.id} className="notice notice--error revocation-notice" data-testid="revocation-notice">
          <p className="notification__text">
            Your badge <strong>{n.badge.name}</strong> was revoked
            {n.revocationReason ? `: ${sentence(n.revocationReason)}` : '.'} It no longer counts toward your
            level.
            <span className="notification__time">{formatDateTime(n.appearedAt)}</span>
          </p>
          <button
            type="button"
            className="button button--small"
            disabled={busy !== null}
            aria-label={`Dismiss the notice about ${n.badge.name}`}
            onClick={() => dismiss.mutate(n.id)}
          >
            {busy === n.id ? 'Dismissing…' : 'Dismiss'}
          </button>
        </div>
      ))}
    </div>
  );
}
