import type { NftStatus } from '@insignia/contract';
import { formatUsd } from '../format.ts';

/** Volume and badges toward the next level, and the whole ladder of levels. */
export function NftProgress({ status }: { status: NftStatus }) {
  const next = status.nextLevel;
  const percent = next ? Math.round(next.progress * 1000) / 10 : 100;
  const required = next ? (status.levels.find((l) => l.level === next.level)?.requiredBadges ?? []) : [];
  const missing = new Set(next?.missingBadges.map((b) => b.id));
  const volumeReached = next ? next.missingVolumeUsd === '0' : true;

  return (
    <section className="card" aria-labelledby="progress-title" data-testid="nft-progress">
      <h2 id="progress-title">
        {next ? `Progress to Level ${next.level} · ${next.name}` : 'Highest level reached'}
      </h2>
      <p>
        Trading volume: <strong data-testid="volume">{formatUsd(status.volumeUsd)}</strong>
        {next && <span className="muted"> of {formatUsd(next.minVolumeUsd)}</span>}
      </p>
      {next && (
        <>
          <div
            className="progress"
            role="progressbar"
            aria-label={`Trading volume toward Level ${next.level}`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-valuetext={`${percent}%`}
          >
            <div className="progress__bar" style={{ width: `${percent}%` }} />
          </div>
          <p data-testid="missing-volume" className={volumeReached ? 'progress__done' : undefined}>
            {volumeReached
              ? `Volume reached for Level ${next.level}.`
              : `${formatUsd(next.missingVolumeUsd, 'ceil')} to go.`}
          </p>
          {required.length > 0 && (
            <>
              <h3 className="nft-card__subhead">Badges needed for Level {next.level}</h3>
              <ul className="checklist" aria-label={`Badges needed for Level ${next.level}`}>
                {required.map((badge) => (
                  <li key={badge.id} className={missing.has(badge.id) ? 'is-missing' : 'is-held'}>
                    <span aria-hidden="true">{missing.has(badge.id) ? '○' : '✓'}</span> {badge.name}
                    <span className="visually-hidden">
                      {missing.has(badge.id) ? ' (missing)' : ' (held)'}
                    </span>
                    {missing.has(badge.id) && <span className="tag">Missing</span>}
                  </li>
                ))}
              </ul>
            </>
          )}
          {next.benefits.length > 0 && (
            <>
              <h3 className="nft-card__subhead">Level {next.level} brings</h3>
              <ul className="benefits">
                {next.benefits.map((benefit) => (
                  <li key={benefit}>{benefit}</li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      {status.levels.length > 0 && (
        <details className="levels">
          <summary>All levels</summary>
          <table className="levels__table">
            <thead>
              <tr>
                <th scope="col">Level</th>
                <th scope="col">Volume</th>
                <th scope="col">Badges</th>
              </tr>
            </thead>
            <tbody>
              {status.levels.map((level) => (
                <tr
                  key={level.level}
                  aria-current={status.currentNft?.level === level.level ? 'true' : undefined}
                >
                  <td>
                    {level.level} · {level.name}
                  </td>
                  <td>{formatUsd(level.minVolumeUsd)}</td>
                  <td>{level.requiredBadges.map((b) => b.name).join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  );
}
