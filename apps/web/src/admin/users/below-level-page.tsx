import { Link } from 'react-router-dom';
import { queryKeys } from '../../api/query-keys.ts';
import { useAdminApi } from '../admin-context.tsx';
import { AdminPageHeader } from '../common/admin-page-header.tsx';
import { formatUsd } from '../common/format.ts';
import { Pager } from '../common/pager.tsx';
import { ResourceView } from '../common/resource-view.tsx';
import { useQueryParams } from '../common/use-query-params.ts';
import { useResource } from '../common/use-resource.ts';

const LIMIT = 25;

/** Holders of a level NFT whose volume is now below that level: trades of theirs were reversed. */
export function BelowLevelPage() {
  const api = useAdminApi();
  const { offset, update } = useQueryParams([] as const);
  const params = { limit: LIMIT, offset };
  const list = useResource(queryKeys.admin.users.belowLevel(params), (signal) =>
    api.usersBelowLevel(params, signal),
  );

  return (
    <>
      <AdminPageHeader
        title="Below their level"
        description="People whose trading volume fell below the level NFT they hold, after the platform reversed trades. They keep the NFT; upgrading needs the next level's volume again."
      />
      <section className="card">
        <ResourceView
          resource={list}
          loadingLabel="Loading…"
          errorTitle="Could not load the list"
          isEmpty={(page) => page.items.length === 0}
          empty="Nobody: every holder's volume still reaches the level they hold."
        >
          {(page) => (
            <>
              <div className="table-wrap">
                <table className="table" data-testid="below-level">
                  <caption className="visually-hidden">Holders below their level</caption>
                  <thead>
                    <tr>
                      <th scope="col">Email</th>
                      <th scope="col">Level held</th>
                      <th scope="col">Level needs</th>
                      <th scope="col">Volume now</th>
                      <th scope="col">Short by</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((row) => (
                      <tr key={row.userId}>
                        <td data-label="Email">
                          <Link to={`/admin/users/${row.userId}`}>{row.email}</Link>
                        </td>
                        <td data-label="Level held">
                          {row.level} · {row.levelName}
                        </td>
                        <td data-label="Level needs">{formatUsd(row.levelMinVolumeUsd)}</td>
                        <td data-label="Volume now">{formatUsd(row.volumeUsd)}</td>
                        <td data-label="Short by">
                          <strong>{formatUsd(row.shortfallUsd)}</strong>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager
                label="Holders below their level"
                offset={offset}
                limit={LIMIT}
                shown={page.items.length}
                total={page.total}
                onChange={(next) => update({ offset: next })}
              />
            </>
          )}
        </ResourceView>
      </section>
    </>
  );
}
