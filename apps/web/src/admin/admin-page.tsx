import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../api/api-error.ts';
import type { AdminOverview } from '../api/schemas.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { ErrorNotice } from '../layout/error-notice.tsx';
import { LoadingNotice } from '../layout/loading-notice.tsx';
import { useDocumentTitle } from '../layout/use-document-title.ts';
import { upcomingAdminSections } from './admin-sections.ts';

type OverviewState =
  { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; overview: AdminOverview };

/** Admin console home: live counts, and the sections still to come. */
export function AdminPage() {
  useDocumentTitle('Admin');
  const { api } = useAuth();
  const [state, setState] = useState<OverviewState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    api.getAdminOverview(controller.signal).then(
      (overview) => setState({ status: 'ready', overview }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', message: describeError(error) });
      },
    );
    return () => controller.abort();
  }, [api, attempt]);

  return (
    <main className="page">
      <h1>Admin console</h1>

      <section className="card" aria-labelledby="overview-title">
        <h2 id="overview-title">Overview</h2>
        {state.status === 'loading' && <LoadingNotice label="Loading counts…" />}
        {state.status === 'error' && (
          <ErrorNotice title="Could not load the overview" message={state.message} onRetry={retry} />
        )}
        {state.status === 'ready' && (
          <dl className="stats">
            <div className="stat">
              <dt>User accounts</dt>
              <dd>{state.overview.users}</dd>
            </div>
            <div className="stat">
              <dt>Admin accounts</dt>
              <dd>{state.overview.admins}</dd>
            </div>
          </dl>
        )}
      </section>

      <section aria-labelledby="upcoming-title">
        <h2 id="upcoming-title">Console sections</h2>
        <ul className="tiles">
          {upcomingAdminSections.map((section) => (
            <li key={section.title} className="tile">
              <div className="tile__head">
                <h3>{section.title}</h3>
                <span className="tag">Coming soon</span>
              </div>
              <p className="muted">{section.description}</p>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
