import type { ReconciliationFlagView } from '@insignia/contract';
import { useId, useState, type SubmitEvent } from 'react';
import { describeError } from '../../api/api-error.ts';
import { queryKeys } from '../../api/query-keys.ts';
import { ErrorNotice } from '../../layout/error-notice.tsx';
import { useAdminApi, useAdminDashboard } from '../admin-context.tsx';
import { AdminPageHeader } from '../common/admin-page-header.tsx';
import { formatDateTime, humanize } from '../common/format.ts';
import { Pager } from '../common/pager.tsx';
import { ResourceView } from '../common/resource-view.tsx';
import { Tabs } from '../common/tabs.tsx';
import { useQueryParams } from '../common/use-query-params.ts';
import { useResource } from '../common/use-resource.ts';
import { ReconciliationRuns } from './reconciliation-runs.tsx';

const LIMIT = 25;
const entityLabel = {
  user_nft: 'Level NFT',
  badge_vault: 'Badge vault balance',
  badge_issuance: 'Badge in a wallet',
} as const;

function FlagItem({ flag, onResolved }: { flag: ReconciliationFlagView; onResolved: () => void }) {
  const api = useAdminApi();
  const dashboard = useAdminDashboard();
  const id = useId();
  const [note, setNote] = useState('');
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function resolve(event: SubmitEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.logs.resolveFlag(flag.id, note.trim());
      dashboard.reload();
      onResolved();
    } catch (e) {
      setError(describeError(e));
      setBusy(false);
    }
  }

  return (
    <li className="card queue-item">
      <div className="card__head">
        <h3>
          {entityLabel[flag.entityType]}: {humanize(flag.kind)}
        </h3>
        {flag.autoCorrected ? <span className="pill pill--good">Corrected automatically</span> : null}
      </div>
      <div className="compare">
        <div>
          <p className="compare__label">Database</p>
          <pre>{JSON.stringify(flag.databaseValue, null, 2)}</pre>
        </div>
        <div>
          <p className="compare__label">Chain</p>
          <pre>{JSON.stringify(flag.chainValue, null, 2)}</pre>
        </div>
      </div>
      <p className="muted">
        Found {formatDateTime(flag.createdAt)} · entity <code>{flag.entityId}</code>
      </p>
      {flag.resolvedAt ? (
        <p>
          Resolved {formatDateTime(flag.resolvedAt)}
          {flag.resolutionNote && <>: {flag.resolutionNote}</>}
        </p>
      ) : (
        <>
          {error && <ErrorNotice title="The flag was not resolved" message={error} />}
          {!open ? (
            <button className="button button--small" type="button" onClick={() => setOpen(true)}>
              Resolve…
            </button>
          ) : (
            <form className="form" onSubmit={(e) => void resolve(e)}>
              <div className="field">
                <label htmlFor={`${id}-note`}>What was checked or done?</label>
                <textarea id={`${id}-note`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
              </div>
              <div className="button-row">
                <button className="button button--small button--primary" type="submit" disabled={busy}>
                  {busy ? 'Saving…' : 'Mark resolved'}
                </button>
                <button className="button button--small" type="button" onClick={() => setOpen(false)}>
                  Cancel
                </button>
              </div>
            </form>
          )}
        </>
      )}
    </li>
  );
}

/** Database vs chain: runs with progress, and the discrepancies left for a person. */
export function ReconciliationPage() {
  const api = useAdminApi();
  const { values, offset, update } = useQueryParams(['view'] as const);
  const openOnly = values.view !== 'resolved';
  const params = { open: openOnly, limit: LIMIT, offset };
  const flags = useResource(queryKeys.admin.reconciliation.flags(params), (signal) =>
    api.logs.reconciliationFlags(params, signal),
  );
  const notAvailable = flags.status === 'error' && flags.notAvailable;

  return (
    <>
      <AdminPageHeader
        title="Reconciliation"
        description="Compares every active level NFT and badge vault balance in the database with the chain. Clear cases are corrected to the chain’s truth; the rest wait here for review."
      />
      <ReconciliationRuns onRunFinished={flags.reload} />
      <section className="card" aria-labelledby="flags-title">
        <h2 id="flags-title">Flags</h2>
        {!notAvailable && (
          <Tabs
            label="Flags"
            value={openOnly ? '' : 'resolved'}
            options={[
              { value: '', label: 'Open' },
              { value: 'resolved', label: 'Resolved' },
            ]}
            onChange={(view) => update({ view })}
          />
        )}
        <ResourceView
          resource={flags}
          feature="The reconciliation report"
          loadingLabel="Loading flags…"
          errorTitle="Could not load the flags"
          isEmpty={(d) => d.items.length === 0}
          empty={openOnly ? 'No open flags: the database agrees with the chain.' : 'No resolved flags yet.'}
        >
          {({ items }) => (
            <>
              <ul className="queue">
                {items.map((flag) => (
                  <FlagItem key={flag.id} flag={flag} onResolved={flags.reload} />
                ))}
              </ul>
              <Pager
                label="Flags"
                offset={offset}
                limit={LIMIT}
                shown={items.length}
                onChange={(next) => update({ view: values.view, offset: next })}
              />
            </>
          )}
        </ResourceView>
      </section>
    </>
  );
}
