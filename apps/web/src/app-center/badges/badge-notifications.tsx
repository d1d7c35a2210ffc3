import type { BadgeNotification } from '@insignia/contract';
import { useState } from 'react';
import { describeError } from '../../api/api-error.ts';
import { ErrorNotice } from '../../layout/error-notice.tsx';
import { formatDateTime } from '../format.ts';
import { BadgeImage } from './badge-image.tsx';
import type { Badges } from './use-badges.ts';

function hint(notification: BadgeNotification): string {
  if (notification.badge.type === 'database') return 'It is in your profile.';
  switch (notification.status) {
    case 'in_vault':
      return 'It is held in the vault until you claim it.';
    case 'claimed':
    case 'issued':
      return 'It is in your wallet.';
    default:
      return '';
  }
}

/** Unread badge notifications, each acknowledged on its own or all at once. */
export function BadgeNotifications({
  badges,
  items,
}: {
  badges: Badges;
  items: readonly BadgeNotification[];
}) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const unread = items.filter((n) => !n.isRead);
  if (unread.length === 0) return null;

  async function acknowledge(key: string, body: { ids: string[] } | { all: true }) {
    setBusy(key);
    setError(null);
    try {
      await badges.calls.markRead(body);
      badges.reload();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="notifications" role="region" aria-labelledby="notifications-title">
      <div className="notifications__head">
        <h3 id="notifications-title">
          New <span className="count">{unread.length}</span>
        </h3>
        {unread.length > 1 && (
          <button
            type="button"
            className="button button--small button--ghost"
            disabled={busy !== null}
            onClick={() => void acknowledge('all', { all: true })}
          >
            Mark all as read
          </button>
        )}
      </div>
      {error && <ErrorNotice title="Could not mark as read" message={error} />}
      <ul className="notifications__list">
        {unread.map((n) => (
          <li key={n.id} className="notification" data-testid="badge-notification">
            <BadgeImage name={n.badge.name} imageUrl={n.badge.imageUrl} size={36} />
            <p className="notification__text">
              You received the badge <strong>{n.badge.name}</strong>. {hint(n)}
              <span className="notification__time">{formatDateTime(n.appearedAt)}</span>
            </p>
            <button
              type="button"
              className="button button--small"
              disabled={busy !== null}
              aria-label={`Mark ${n.badge.name} as read`}
              onClick={() => void acknowledge(n.id, { ids: [n.id] })}
            >
              {busy === n.id ? 'Marking…' : 'Mark as read'}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
