import type { BadgeNotification, ReadBadgeNotifications } from '@insignia/contract';
import { useMutation } from '@tanstack/react-query';
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
  const markRead = useMutation({
    // `key` says which button is busy: one notification's id, or 'all'.
    mutationFn: ({ body }: { key: string; body: ReadBadgeNotifications }) => badges.calls.markRead(body),
    onSuccess: () => badges.reload(),
  });
  const busy = markRead.isPending ? markRead.variables.key : null;
  const error = markRead.isError ? describeError(markRead.error) : null;
  const unread = items.filter((n) => !n.isRead);
  if (unread.length === 0) return null;

  const acknowledge = (key: string, body: ReadBadgeNotifications) => markRead.mutate({ key, body });

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
            onClick={() => acknowledge('all', { all: true })}
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
              onClick={() => acknowledge(n.id, { ids: [n.id] })}
            >
              {busy === n.id ? 'Marking…' : 'Mark as read'}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
