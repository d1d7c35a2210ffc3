import type { UserBadge } from '@insignia/contract';
import { Link } from 'react-router-dom';
import { badgeVerifyPath } from '../links/explorer-url.ts';
import { BadgeImage } from './badge-image.tsx';
import { describeBadgeStatus } from './badge-status.ts';

/** Every badge the person holds, with where it is. */
export function BadgeList({ badges }: { badges: readonly UserBadge[] }) {
  if (badges.length === 0) {
    return (
      <p className="empty" data-testid="badges-empty">
        No badges yet. Badges are awarded for achievements on the platform; when you receive one, it appears
        here.
      </p>
    );
  }
  return (
    <ul className="badge-list" aria-label="Your badges">
      {badges.map((badge) => {
        const status = describeBadgeStatus(badge);
        return (
          <li key={badge.issuanceId} className="badge-tile" data-testid="badge-tile" aria-label={badge.name}>
            <BadgeImage name={badge.name} imageUrl={badge.imageUrl} />
            <div className="badge-tile__body">
              <h3>{badge.name}</h3>
              {badge.category && <p className="badge-tile__category">{badge.category.name}</p>}
              {badge.description && <p className="badge-tile__description">{badge.description}</p>}
              <p className="badge-tile__status">
                <span className={`status status--${status.tone}`} data-testid="badge-status">
                  {status.label}
                </span>{' '}
                <span className="muted">{status.detail}</span>
              </p>
              <p className="badge-tile__links">
                <Link to={badgeVerifyPath(badge.issuanceId)} aria-label={`Public proof of ${badge.name}`}>
                  Public proof
                </Link>
              </p>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
