import type { NftStatus } from '@insignia/contract';
import { formatUsd } from '../format.ts';
import { LevelImage } from './level-image.tsx';

type RowState = 'held' | 'passed' | 'next' | 'ahead';
const stateLabel: Record<RowState, string> = {
  held: 'Your level',
  passed: 'Passed',
  next: 'Next',
  ahead: 'Ahead',
};

/**
 * The ladder of levels: what each asks and what it brings, as the operator wrote it. The
 * person's volume is said once, here; how far the next level is, once, in the next step.
 */
export function NftProgress({ status }: { status: NftStatus }) {
  const held = status.currentNft?.level ?? 0;
  const next = status.nextLevel?.level;
  const rowState = (level: number): RowState =>
    level === held ? 'held' : level < held ? 'passed' : level === next ? 'next' : 'ahead';

  return (
    <section className="card" aria-labelledby="progress-title" data-testid="nft-progress">
      <h2 id="progress-title">Levels</h2>
      <p className="ladder__volume">
        Your trading volume: <strong data-testid="volume">{formatUsd(status.volumeUsd)}</strong>
      </p>
      {status.levels.length === 0 ? (
        <p className="muted">Levels have not been set up yet.</p>
      ) : (
        <ol className="ladder" aria-label="All levels">
          {status.levels.map((level) => {
            const state = rowState(level.level);
            return (
              <li
                key={level.level}
                className={`ladder__row ladder__row--${state}`}
                aria-current={state === 'held' ? 'true' : undefined}
              >
                <LevelImage
                  level={level.level}
                  name={level.name}
                  imageUri={level.artworkUri ?? level.imageUri}
                  size={44}
                />
                <div className="ladder__body">
                  <p className="ladder__name">
                    Level {level.level} · {level.name}{' '}
                    <span
                      className={`status status--${state === 'held' ? 'success' : state === 'next' ? 'info' : 'neutral'}`}
                    >
                      {stateLabel[state]}
                    </span>
                  </p>
                  <p className="ladder__needs">
                    From {formatUsd(level.minVolumeUsd)} traded
                    {level.requiredBadges.length > 0 &&
                      ` and the ${level.requiredBadges.length === 1 ? 'badge' : 'badges'} ${level.requiredBadges.map((b) => b.name).join(', ')}`}
                  </p>
                  {(state === 'next' || state === 'ahead') && level.benefits.length > 0 && (
                    <ul className="ladder__benefits" aria-label={`Benefits of Level ${level.level}`}>
                      {level.benefits.map((benefit) => (
                        <li key={benefit}>{benefit}</li>
                      ))}
                    </ul>
                  )}
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
