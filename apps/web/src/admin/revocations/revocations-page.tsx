import { Link } from 'react-router-dom';
import { AdminPageHeader } from '../common/admin-page-header.tsx';
import { formatDateTime } from '../common/format.ts';
import { Pager } from '../common/pager.tsx';
import { ResourceView } from '../common/resource-view.tsx';
import { StatusTag } from '../common/status-tag.tsx';
import { useQueryParams } from '../common/use-query-params.ts';
import { useResource } from '../common/use-resource.ts';
import { useAdminApi } from '../admin-context.tsx';
import { describeChainStatus } from './revocation-text.ts';
import './revocations.css';

const LIMIT = 20;
const POLL_MS = 3_000;

/** Every revoked badge, newest first: who, which badge, why, and how far its burn got. */
export function RevocationsPage() {
  const api = useAdminApi();
  const { offset, update } = useQueryParams([] as const);
  const params = { limit: LIMIT, offset };
  const revocations = useResource(
    ['admin', 'revocations', params],
    (signal) => api.revocations.list(params, signal),
    {
      pollMs: (d) => (d?.items.some((r) => r.status === 'pending' || r.status === 'sent') ? POLL_MS : false),
    },
  );
  return (
    <>
      <AdminPageHeader
        title="Revocations"
        description="Badges taken back, with the reason the person was told and what happened on chain. Revoke from an issuance's results."
      />
      <ResourceView
        resource={revocations}
        feature="Revocations"
        loadingLabel="Loading revocations…"
        errorTitle="Could not load the revocations"
        isEmpty={(d) => d.items.length === 0}
        empty="No badge has been revoked."
      >
        {(page) => (
          <>
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">Revocations, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">User</th>
                    <th scope="col">Badge</th>
                    <th scope="col">Reason</th>
                    <th scope="col">On chain</th>
                    <th scope="col">Revoked</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((r) => (
                    <tr key={r.issuanceId} data-testid={`revocation-${r.user.email}`}>
                      <td data-label="User">
                        <Link to={`/admin/users/${r.user.id}`}>{r.user.email}</Link>
                      </td>
                      <td data-label="Badge">{r.badge.name}</td>
                      <td data-label="Reason" className="revocation-reason">
                        {r.reason}
                      </td>
                      <td data-label="On chain">
                        <StatusTag
                          status={r.status === 'done' ? 'completed' : r.status}
                          label={r.status === 'done' ? 'Done' : undefined}
                        />
                        <div className="muted">{describeChainStatus(r).replace(/^On chain: /, '')}</div>
                      </td>
                      <td data-label="Revoked">{formatDateTime(r.revokedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager
              label="Revocations"
              offset={offset}
              limit={LIMIT}
              shown={page.items.length}
              total={page.total}
              onChange={(next) => update({ offset: next })}
            />
          </>
        )}
      </ResourceView>
    </>
  );
}
