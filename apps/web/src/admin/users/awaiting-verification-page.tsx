import { awaitingVerificationSchema } from '@insignia/contract';
import { queryKeys } from '../../api/query-keys.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { AdminPageHeader } from '../common/admin-page-header.tsx';
import { formatDateTime, formatUsd, plural } from '../common/format.ts';
import { ResourceView } from '../common/resource-view.tsx';
import { useResource } from '../common/use-resource.ts';

/** Trades and held roster rows keyed by an email no account has proven yet. */
export function AwaitingVerificationPage() {
  const { api } = useAuth();
  const waiting = useResource(queryKeys.admin.users.awaitingVerification, (signal) =>
    api.send('GET', '/api/admin/awaiting-verification', awaitingVerificationSchema, { signal }),
  );

  return (
    <>
      <AdminPageHeader
        title="Awaiting email verification"
        description="Trades sent by email and badge roster rows for addresses no account has verified yet. They count, and are issued, as soon as the owner enters the code emailed to them."
      />
      <ResourceView
        resource={waiting}
        loadingLabel="Loading…"
        errorTitle="Could not load what is waiting"
        feature="The verification queue"
        isEmpty={(d) => d.trades.length === 0 && d.grants.length === 0}
        empty="Nothing is waiting: every email-keyed trade and roster row has reached its owner."
      >
        {(d) => (
          <>
            <h2>
              Trades ({d.trades.length} {d.trades.length === 1 ? 'address' : 'addresses'})
            </h2>
            <div className="table-wrap">
              <table className="table" data-testid="awaiting-trades">
                <thead>
                  <tr>
                    <th scope="col">Email</th>
                    <th scope="col">Trades</th>
                    <th scope="col">Volume</th>
                    <th scope="col">Waiting since</th>
                  </tr>
                </thead>
                <tbody>
                  {d.trades.map((row) => (
                    <tr key={row.email}>
                      <td data-label="Email">{row.email}</td>
                      <td data-label="Trades">{plural(row.trades, 'trade')}</td>
                      <td data-label="Volume">{formatUsd(row.volumeUsd)}</td>
                      <td data-label="Waiting since">{formatDateTime(row.oldestAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <h2>Held badges ({d.grants.length})</h2>
            <div className="table-wrap">
              <table className="table" data-testid="awaiting-grants">
                <thead>
                  <tr>
                    <th scope="col">Email</th>
                    <th scope="col">Badge</th>
                    <th scope="col">Held since</th>
                    <th scope="col">Last problem</th>
                  </tr>
                </thead>
                <tbody>
                  {d.grants.map((g) => (
                    <tr key={g.id}>
                      <td data-label="Email">{g.email}</td>
                      <td data-label="Badge">{g.badgeName}</td>
                      <td data-label="Held since">{formatDateTime(g.createdAt)}</td>
                      <td data-label="Last problem">{g.lastError ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </ResourceView>
    </>
  );
}
