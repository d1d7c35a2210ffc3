import type { ReconciliationRunView } from '@insignia/contract';
import { useEffect, useRef, useState } from 'react';
import { describeError } from '../../api/api-error.ts';
import { queryKeys } from '../../api/query-keys.ts';
import { ErrorNotice } from '../../layout/error-notice.tsx';
import { useAdminApi } from '../admin-context.tsx';
import { formatDateTime } from '../common/format.ts';
import { ProgressBar } from '../common/progress-bar.tsx';
import { ResourceView } from '../common/resource-view.tsx';
import { StatusTag } from '../common/status-tag.tsx';
import { useResource } from '../common/use-resource.ts';

const POLL_MS = 2_000;

function RunRow({ run }: { run: ReconciliationRunView }) {
  return (
    <li className="run" data-testid="reconciliation-run">
      <div className="run__head">
        <StatusTag status={run.status} />
        <span>
          {run.trigger === 'manual' ? 'Started by an admin' : 'Scheduled'} · {formatDateTime(run.startedAt)}
          {run.finishedAt && <span className="muted"> → {formatDateTime(run.finishedAt)}</span>}
        </span>
      </div>
      {run.status === 'running' && (
        <ProgressBar
          label="NFTs checked"
          value={run.checked}
          max={Math.max(run.total, run.checked)}
          text={`${run.checked} of ${run.total} NFTs checked`}
        />
      )}
      <p className="muted">
        {run.checked} checked · {run.corrected} corrected automatically · {run.flagged} flagged for review
      </p>
      {run.error && <p className="queue-item__error">{run.error}</p>}
    </li>
  );
}

/** Reconciliation runs, newest first, with "Run now"; follows a running one until it ends. */
export function ReconciliationRuns({ onRunFinished }: { onRunFinished: () => void }) {
  const api = useAdminApi();
  const isRunning = (d: { items: ReconciliationRunView[] } | undefined) =>
    d?.items.some((r) => r.status === 'running') ?? false;
  // A running one is followed until it ends.
  const runs = useResource(
    queryKeys.admin.reconciliation.runs,
    (signal) => api.logs.reconciliationRuns(signal),
    {
      pollMs: (d) => (isRunning(d) ? POLL_MS : false),
    },
  );
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = isRunning(runs.data);
  const { reload } = runs;

  // When a run ends, its flags are new: let the page reload them.
  const wasRunning = useRef(false);
  useEffect(() => {
    if (wasRunning.current && !running) onRunFinished();
    wasRunning.current = running;
  }, [running, onRunFinished]);

  async function start() {
    setStarting(true);
    setError(null);
    try {
      await api.logs.startReconciliation();
      reload();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setStarting(false);
    }
  }

  return (
    <section className="card" aria-labelledby="runs-title">
      <div className="card__head">
        <h2 id="runs-title">Runs</h2>
        {!(runs.status === 'error' && runs.notAvailable) && (
          <button
            className="button button--small button--primary"
            type="button"
            onClick={() => void start()}
            disabled={starting || running}
          >
            {running ? 'A run is in progress' : starting ? 'Starting…' : 'Run now'}
          </button>
        )}
      </div>
      {error && <ErrorNotice title="The run did not start" message={error} />}
      <ResourceView
        resource={runs}
        feature="The reconciliation report"
        loadingLabel="Loading runs…"
        errorTitle="Could not load the runs"
        isEmpty={(d) => d.items.length === 0}
        empty="No run yet. Runs also start on a schedule."
      >
        {({ items }) => (
          <ul className="runs">
            {items.map((run) => (
              <RunRow key={run.id} run={run} />
            ))}
          </ul>
        )}
      </ResourceView>
    </section>
  );
}
