import { Link } from 'react-router-dom';
import { queryKeys } from '../../api/query-keys.ts';
import { useAdminApi } from '../admin-context.tsx';
import { ResourceView } from '../common/resource-view.tsx';
import { useResource } from '../common/use-resource.ts';
import type { WizardAction, WizardState } from './wizard-state.ts';

/** Step 1: which badges to issue (active ones only: a blockchain badge needs its mint first). */
export function PickBadgesStep({
  state,
  dispatch,
}: {
  state: WizardState;
  dispatch: (a: WizardAction) => void;
}) {
  const api = useAdminApi();
  const params = { status: 'active', limit: 200, offset: 0 };
  const badges = useResource(queryKeys.admin.badges.list(params), (signal) =>
    api.badges.badges(params, signal),
  );

  return (
    <fieldset className="step">
      <legend>Which badges?</legend>
      <ResourceView
        resource={badges}
        feature="Badge issuance"
        loadingLabel="Loading badges…"
        errorTitle="Could not load the badges"
        isEmpty={(d) => d.items.length === 0}
        empty={
          <>
            No active badge to issue. <Link to="/admin/badges">Create one in the catalogue</Link>.
          </>
        }
      >
        {({ items }) => (
          <ul className="pick-list">
            {items.map((badge) => (
              <li key={badge.id}>
                <label className="pick">
                  <input
                    type="checkbox"
                    checked={state.badgeIds.includes(badge.id)}
                    onChange={() => dispatch({ type: 'toggleBadge', id: badge.id })}
                  />
                  {badge.image ? (
                    <img src={badge.image.gatewayUrl} alt="" width={32} height={32} />
                  ) : (
                    <span className="pick__blank" aria-hidden="true">
                      ★
                    </span>
                  )}
                  <span>
                    <strong>{badge.name}</strong>
                    <span className="muted">
                      {' '}
                      · {badge.type === 'blockchain' ? 'Blockchain' : 'Database only'}
                    </span>
                    {badge.category && <span className="muted"> · {badge.category.name}</span>}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </ResourceView>
      <div className="step__nav">
        <span className="muted" aria-live="polite">
          {state.badgeIds.length} selected
        </span>
        <button
          className="button button--primary"
          type="button"
          disabled={state.badgeIds.length === 0}
          onClick={() => dispatch({ type: 'go', step: 'recipients' })}
        >
          Next: recipients
        </button>
      </div>
    </fieldset>
  );
}
