import { useEffect, useId, useState } from 'react';
import { queryKeys } from '../../api/query-keys.ts';
import { useAdminApi } from '../admin-context.tsx';
import { ResourceView } from '../common/resource-view.tsx';
import { useResource } from '../common/use-resource.ts';
import { hasRecipients, rosterLineCount, type WizardAction, type WizardState } from './wizard-state.ts';

function UserSearch({ state, dispatch }: { state: WizardState; dispatch: (a: WizardAction) => void }) {
  const api = useAdminApi();
  const id = useId();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text]);
  const params = { q, limit: 8, offset: 0 };
  const results = useResource(queryKeys.admin.users.list(params), (signal) => api.users(params, signal));

  return (
    <div className="recipient-search">
      <div className="field">
        <label htmlFor={`${id}-q`}>Search users by email</label>
        <input
          id={`${id}-q`}
          type="search"
          value={text}
          placeholder="name@example.com"
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      {q && (
        <ResourceView
          resource={results}
          loadingLabel="Searching…"
          errorTitle="The search failed"
          isEmpty={(d) => d.items.length === 0}
          empty={`No account matches “${q}”.`}
        >
          {({ items }) => (
            <ul className="search-results" aria-label="Search results">
              {items.map((user) => {
                const added = state.users.some((u) => u.id === user.id);
                return (
                  <li key={user.id}>
                    <span>
                      {user.email}
                      <span className="muted">
                        {' '}
                        · {user.walletAddress ? 'has a wallet' : 'no wallet (vault)'}
                      </span>
                    </span>
                    <button
                      className="button button--small"
                      type="button"
                      disabled={added}
                      aria-label={added ? `${user.email} added` : `Add ${user.email}`}
                      onClick={() => dispatch({ type: 'addUser', user })}
                    >
                      {added ? 'Added' : 'Add'}
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </ResourceView>
      )}
    </div>
  );
}

function RosterInput({ state, dispatch }: { state: WizardState; dispatch: (a: WizardAction) => void }) {
  const id = useId();
  const [fileError, setFileError] = useState<string | null>(null);

  async function load(file: File | undefined) {
    setFileError(null);
    if (!file) return;
    if (file.size > 900_000) {
      setFileError('The file is larger than 900 KB; split the roster.');
      return;
    }
    dispatch({ type: 'setRoster', text: await file.text(), fileName: file.name });
  }

  return (
    <div className="roster-input">
      <div className="field">
        <label htmlFor={`${id}-roster`}>Or paste emails or user ids (one per line, or a CSV)</label>
        <textarea
          id={`${id}-roster`}
          rows={6}
          value={state.rosterText}
          placeholder={'email\nana@example.com\nben@example.com'}
          onChange={(e) => dispatch({ type: 'setRoster', text: e.target.value })}
        />
        <p className="field__hint">
          {state.rosterFileName ? `From ${state.rosterFileName}: ` : ''}
          {rosterLineCount(state.rosterText)} line(s). A header such as <code>email</code> or{' '}
          <code>user_id</code> is optional.
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-file`}>Upload a CSV file</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,text/csv,text/plain"
          onChange={(e) => void load(e.target.files?.[0])}
        />
        {fileError && <p className="field__error">{fileError}</p>}
      </div>
    </div>
  );
}

/** Step 2: who gets them, picked by search and/or pasted or uploaded as a roster. */
export function RecipientsStep({
  state,
  dispatch,
}: {
  state: WizardState;
  dispatch: (a: WizardAction) => void;
}) {
  return (
    <fieldset className="step">
      <legend>Who gets them?</legend>
      <div className="grid">
        <div>
          <UserSearch state={state} dispatch={dispatch} />
          {state.users.length > 0 && (
            <>
              <p className="wallet-list__label">Picked ({state.users.length})</p>
              <ul className="chips" aria-label="Picked users">
                {state.users.map((u) => (
                  <li key={u.id} className="chip">
                    {u.email}
                    <button
                      type="button"
                      aria-label={`Remove ${u.email}`}
                      onClick={() => dispatch({ type: 'removeUser', id: u.id })}
                    >
                      ×
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
        <RosterInput state={state} dispatch={dispatch} />
      </div>
      <div className="step__nav">
        <button className="button" type="button" onClick={() => dispatch({ type: 'go', step: 'badges' })}>
          Back
        </button>
        <button
          className="button button--primary"
          type="button"
          disabled={!hasRecipients(state)}
          onClick={() => dispatch({ type: 'go', step: 'preview' })}
        >
          Next: preview
        </button>
      </div>
    </fieldset>
  );
}
