import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { queryKeys } from '../../api/query-keys.ts';
import { useAdminApi } from '../admin-context.tsx';
import { AdminPageHeader } from '../common/admin-page-header.tsx';
import { formatDateTime } from '../common/format.ts';
import { Pager } from '../common/pager.tsx';
import { ResourceView } from '../common/resource-view.tsx';
import { StatusTag } from '../common/status-tag.tsx';
import { useResource } from '../common/use-resource.ts';
import { IssuanceWizard } from './issuance-wizard.tsx';

const LIMIT = 10;

function RecentBatches() {
  const api = useAdminApi();
  const [offset, setOffset] = useState(0);
  const params = { limit: LIMIT, offset };
  const batches = useResource(queryKeys.admin.issuance.batches(params), (signal) =>
    api.badges.batches(params, signal),
  );
  return (
    <section className="card" aria-labelledby="batches-title">
      <h2 id="batches-title">Recent issuances</h2>
      <ResourceView
        resource={batches}
        feature="Badge issuance"
        loadingLabel="Loading issuances…"
        errorTitle="Could not load the issuances"
        isEmpty={(d) => d.items.length === 0}
        empty="Nothing issued yet."
      >
        {(page) => (
          <>
            <ul className="batch-list">
              {page.items.map((b) => (
                <li key={b.id}>
                  <Link to={`/admin/issuance/${b.id}`}>{b.badges.map((x) => x.name).join(', ')}</Link>
                  <span className="muted">
                    {' '}
                    · {b.counts.total} issuance{b.counts.total === 1 ? '' : 's'} ·{' '}
                    {formatDateTime(b.createdAt)}
                    {b.createdBy && ` · ${b.createdBy.email}`}
                  </span>{' '}
                  <StatusTag status={b.status} />
                  {b.counts.failed > 0 && <span className="pill pill--bad">{b.counts.failed} failed</span>}
                </li>
              ))}
            </ul>
            <Pager
              label="Issuances"
              offset={offset}
              limit={LIMIT}
              shown={page.items.length}
              total={page.total}
              onChange={setOffset}
            />
          </>
        )}
      </ResourceView>
    </section>
  );
}

/** Issue badges to one person or a roster, and see earlier issuances. */
export function IssuancePage() {
  const [search] = useSearchParams();
  const preselected = search.getAll('badge');
  return (
    <>
      <AdminPageHeader
        title="Issue badges"
        description="Pick badges and recipients, check the preview and the cost, then issue. Blockchain badges go to the person’s wallet, or to the vault until they claim."
      />
      <IssuanceWizard key={preselected.join(',')} initialBadgeIds={preselected} />
      <RecentBatches />
    </>
  );
}
