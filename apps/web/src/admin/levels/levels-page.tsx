import type { Level } from '@insignia/contract';
import { useState } from 'react';
import { describeError } from '../../api/api-error.ts';
import { queryKeys } from '../../api/query-keys.ts';
import { ErrorNotice } from '../../layout/error-notice.tsx';
import { useAdminApi } from '../admin-context.tsx';
import { AdminPageHeader } from '../common/admin-page-header.tsx';
import { ConfirmButton } from '../common/confirm-button.tsx';
import { formatUsd } from '../common/format.ts';
import { ResourceView } from '../common/resource-view.tsx';
import { useResource } from '../common/use-resource.ts';
import { LevelArtwork } from './level-artwork.tsx';
import { LevelForm, type BadgeOption } from './level-form.tsx';
import './levels.css';

/** Badges a level may require; null when the catalogue cannot be read. */
function useBadgeOptions(): BadgeOption[] | null | undefined {
  const api = useAdminApi();
  const params = { status: 'active,creating', limit: 200, offset: 0 };
  const badges = useResource(queryKeys.admin.badges.list(params), (signal) =>
    api.badges.badges(params, signal),
  );
  if (badges.status === 'error') return null;
  return badges.data?.items.map((b) => ({ id: b.id, name: b.name }));
}

function LevelSummary({ level }: { level: Level }) {
  return (
    <div className="level-summary">
      <LevelArtwork level={level} />
      <dl className="details details--inline">
        <div>
          <dt>Benefits</dt>
          <dd>
            {level.benefits.length === 0 ? (
              <span className="muted">None</span>
            ) : (
              // Shown as written: each line the operator typed, in their order.
              <ul className="level-benefits">
                {level.benefits.map((b, i) => (
                  <li key={`${i}-${b}`}>{b}</li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        <div>
          <dt>Required badges</dt>
          <dd>
            {level.requiredBadges.length === 0 ? (
              <span className="muted">None</span>
            ) : (
              level.requiredBadges.map((b) => b.name).join(', ')
            )}
          </dd>
        </div>
        <div>
          <dt>Artwork</dt>
          <dd>
            {level.imageUri ? (
              <span className="address">Your image: {level.imageUri}</span>
            ) : (
              <span className="muted">Default artwork for level {level.level}</span>
            )}
          </dd>
        </div>
      </dl>
    </div>
  );
}

function LevelCard({
  level,
  isTop,
  badgeOptions,
  onChanged,
}: {
  level: Level;
  isTop: boolean;
  badgeOptions: BadgeOption[] | null;
  onChanged: () => void;
}) {
  const api = useAdminApi();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);

  async function remove() {
    setRemoving(true);
    setRemoveError(null);
    try {
      await api.deleteLevel(level.level);
      onChanged();
    } catch (error) {
      setRemoveError(describeError(error));
      setRemoving(false);
    }
  }

  return (
    <section
      className="card"
      aria-labelledby={`level-${level.level}-title`}
      data-testid={`level-${level.level}`}
    >
      <div className="card__head">
        <h2 id={`level-${level.level}-title`}>
          Level {level.level}: {level.name}{' '}
          <span className="muted">from {formatUsd(level.minVolumeUsd)}</span>
        </h2>
        {!editing && (
          <div className="button-row button-row--tight">
            <button
              className="button button--small"
              type="button"
              onClick={() => {
                setEditing(true);
                setSaved(false);
              }}
            >
              Edit level {level.level}
            </button>
            {isTop && (
              <ConfirmButton
                label="Remove level"
                question={`Remove level ${level.level}?`}
                confirmLabel="Yes, remove"
                busyLabel="Removing…"
                busy={removing}
                danger
                onConfirm={() => void remove()}
              />
            )}
          </div>
        )}
      </div>
      {removeError && <ErrorNotice title="The level was not removed" message={removeError} />}
      {saved && (
        <div className="notice notice--success" role="status">
          Saved. Every user’s progress now uses the new settings.
        </div>
      )}
      {editing ? (
        <LevelForm
          level={level}
          focusOnOpen
          badgeOptions={badgeOptions}
          submitLabel={`Save level ${level.level}`}
          onCancel={() => setEditing(false)}
          onSubmit={async (input) => {
            await api.updateLevel(level.level, input);
            setEditing(false);
            setSaved(true);
            onChanged();
          }}
        />
      ) : (
        <LevelSummary level={level} />
      )}
    </section>
  );
}

/** The level table: thresholds, benefits, images and required badges, edited in place. */
export function LevelsPage() {
  const api = useAdminApi();
  const levels = useResource(queryKeys.admin.levels, (signal) => api.levels(signal));
  const badgeOptions = useBadgeOptions();
  const [adding, setAdding] = useState(false);

  return (
    <>
      <AdminPageHeader
        title="Levels"
        description="Each level needs more trading volume than the one below it. Changes apply to every user at once."
        actions={
          !adding && (
            <button
              className="button button--primary button--small"
              type="button"
              onClick={() => setAdding(true)}
            >
              Add a level
            </button>
          )
        }
      />
      <ResourceView
        resource={levels}
        loadingLabel="Loading levels…"
        errorTitle="Could not load the levels"
        isEmpty={(d) => d.levels.length === 0 && !adding}
        empty="No levels yet. Add the first one."
      >
        {({ levels: list }) => (
          <>
            {list.map((level, i) => (
              <LevelCard
                key={level.level}
                level={level}
                isTop={i === list.length - 1}
                badgeOptions={badgeOptions ?? null}
                onChanged={levels.reload}
              />
            ))}
          </>
        )}
      </ResourceView>
      {adding && (
        <section className="card" aria-labelledby="new-level-title">
          <h2 id="new-level-title">New level {(levels.data?.levels.at(-1)?.level ?? 0) + 1}</h2>
          <LevelForm
            focusOnOpen
            badgeOptions={badgeOptions ?? null}
            submitLabel="Add level"
            onCancel={() => setAdding(false)}
            onSubmit={async (input) => {
              await api.createLevel(input);
              setAdding(false);
              levels.reload();
            }}
          />
        </section>
      )}
    </>
  );
}
