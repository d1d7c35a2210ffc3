import type { UserBadge } from '@insignia/contract';
import { Link } from 'react-router-dom';
import { badgeVerifyPath } from '../links/explorer-url.ts';
import { BadgeImage } from './badge-image.tsx';
import { badgeStanding, describeValidity, splitByStanding } from './badge-standing.ts';
import { describeBadgeStatus } from './badge-status.ts';
import './badge-list.css';

/** Every badge the person holds, with where it is; revoked and expired ones set apart below. */
export function BadgeList({ badges }: { badges: readonly UserBadge[] }) {
  if (badges.length === 0) {
    return (
      <p className="empty" data-testid="badges-empty">
        No badges yet. Badges are awarded for achievements on the platform; when you receive one, it appears
        here.
      </p>
    );
  }
  const { valid, inactive } = splitByStanding(badges);
  return (
    <>
      {valid.length > 0 && (
        <ul className="badge-list" aria-label="Your badges">
          {valid.map((badge) => (
            <BadgeTile key={badge.issuanceId} badge={badge} />
          ))}
        </ul>
      )}
      {inactive.length > 0 && (
        <section className="badge-list__inactive" aria-labelledby="badges-inactive-title">
          <h3 id="badges-inactive-title" className="badge-list__heading">
            No longer valid
          </h3>
          <p className="muted badge-list__hint">
            Revoked and expired badges stay on record here but no longer count toward your level.
          </p>
          <ul className="badge-list" aria-label="Badges no longer valid">
            {inactive.map((badge) => (
              <BadgeTile key={badge.issuanceId} badge={badge} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function BadgeTile({ badge }: { badge: UserBadge }) {
  const status = describeBadgeStatus(badge);
  const standing = badgeStanding(badge);
  const validity = describeValidity(badge);
  return (
    <li
      className={`badge-tile badge-tile--${standing}`}
      data-testid="badge-tile"
      data-standing={standing}
      aria-label={badge.name}
    >
      <BadgeImage name={badge.name} imageUrl={badge.imageUrl} />
      <div className="badge-tile__body">
        <h3>{badge.name}</h3>
        {badge.category && <p className="badge-tile__category">{badge.category.name}</p>}
        {badge.description && <p className="badge-tile__description">{badge.description}</p>}
        <p className="badge-tile__status">
          <span className={`status status--${status.tone}`} data-testid="badge-status">
            {status.label}
          </span>{' '}
          <span className="muted" data-testid="badge-status-detail">
            {status.detail}
          </span>
        </p>
        {validity && (
          <p className="badge-tile__validity" data-testid="badge-validity">
            {validity}
          </p>
        )}
        <p className="badge-tile__links">
          <Link to={badgeVerifyPath(badge.issuanceId)} aria-label={`Public proof of ${badge.name}`}>
            Public proof
          </Link>
          {/* A revoked badge's credential only says it was withdrawn: nothing worth showing anyone. */}
          {standing !== 'revoked' && (
            <a
              href={`${badge.credentialUrl}?download=1`}
              download
              aria-label={`Download credential for ${badge.name}`}
              aria-describedby={`credential-note-${badge.issuanceId}`}
            >
              Download credential
            </a>
          )}
        </p>
        {standing !== 'revoked' && (
          <p className="badge-tile__note muted" id={`credential-note-${badge.issuanceId}`}>
            {standing === 'expired'
              ? 'An Open Badges 3.0 credential: it shows the badge as expired.'
              : 'An Open Badges 3.0 credential you can show anywhere.'}
          </p>
        )}
      </div>
    </li>
  );
}
