import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { queryKeys } from '../../api/query-keys.ts';
import { useAdminApi } from '../admin-context.tsx';
import { AdminPageHeader } from '../common/admin-page-header.tsx';
import { formatDateTime, shorten } from '../common/format.ts';
import { Pager } from '../common/pager.tsx';
import { ResourceView } from '../common/resource-view.tsx';
import { useQueryParams } from '../common/use-query-params.ts';
import { useResource } from '../common/use-resource.ts';

const LIMIT = 25;

/** Every account, searchable by email, with a link to each person's detail. */
export function UsersPage() {
  const api = useAdminApi();
  const { values, offset, update } = useQueryParams(['q'] as const);
  const [draft, setDraft] = useState(values.q);

  // Search as the admin types, once they pause.
  useEffect(() => {
    if (draft === values.q) return;
    const timer = setTimeout(() => update({ q: draft.trim() }), 300);
    return () => clearTimeout(timer);
  }, [draft, values.q, update]);

  const params = { q: values.q || undefined, limit: LIMIT, offset };
  const users = useResource(queryKeys.admin.users.list(params), (signal) => api.users(params, signal));

  return (
    <>
      <AdminPageHeader
        title="Users"
        description="Search accounts by email; open one for volume, NFT and requests."
      />
      <section className="card">
        <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
          <div className="field field--grow">
            <label htmlFor="user-search">Search by email</label>
            <input
              id="user-search"
              type="search"
              placeholder="name@example.com"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
            />
          </div>
        </form>
        <ResourceView
          resource={users}
          loadingLabel="Loading users…"
          errorTitle="Could not load users"
          isEmpty={(page) => page.items.length === 0}
          empty={values.q ? `No account matches “${values.q}”.` : 'No accounts yet.'}
        >
          {(page) => (
            <>
              <div className="table-wrap">
                <table className="table">
                  <caption className="visually-hidden">Users</caption>
                  <thead>
                    <tr>
                      <th scope="col">Email</th>
                      <th scope="col">Role</th>
                      <th scope="col">Wallet</th>
                      <th scope="col">Joined</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((user) => (
                      <tr key={user.id}>
                        <td data-label="Email">
                          <Link to={`/admin/users/${user.id}`}>{user.email}</Link>
                        </td>
                        <td data-label="Role">{user.role === 'admin' ? 'Admin' : 'User'}</td>
                        <td data-label="Wallet">
                          {user.walletAddress ? (
                            <code className="address" title={user.walletAddress}>
                              {shorten(user.walletAddress)}
                            </code>
                          ) : (
                            <span className="muted">None</span>
                          )}
                        </td>
                        <td data-label="Joined">{formatDateTime(user.createdAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager
                label="Users"
                offset={offset}
                limit={LIMIT}
                shown={page.items.length}
                total={page.total}
                onChange={(next) => update({ q: values.q, offset: next })}
              />
            </>
          )}
        </ResourceView>
      </section>
    </>
  );
}
