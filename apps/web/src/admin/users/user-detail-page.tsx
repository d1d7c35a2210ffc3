import type { AdminUserDetail } from '@insignia/contract';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { queryKeys } from '../../api/query-keys.ts';
import { useAdminApi } from '../admin-context.tsx';
import { AdminPageHeader } from '../common/admin-page-header.tsx';
import { formatDateTime, formatUsd, humanize, shorten } from '../common/format.ts';
import { ResourceView } from '../common/resource-view.tsx';
import { StatusTag } from '../common/status-tag.tsx';
import { useResource } from '../common/use-resource.ts';
import { RequestHistory } from '../compensation/request-history.tsx';
import { EndSessionsButton } from './end-sessions-button.tsx';
import { UserBadgesTable } from './user-badges-table.tsx';

function Nfts({ nfts }: { nfts: AdminUserDetail['nfts'] }) {
  if (nfts.length === 0) return <p className="muted">No level NFT yet.</p>;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Level NFTs, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Level</th>
            <th scope="col">Status</th>
            <th scope="col">Mint</th>
            <th scope="col">Owner wallet</th>
            <th scope="col">Minted</th>
          </tr>
        </thead>
        <tbody>
          {nfts.map((n) => (
            <tr key={n.id}>
              <td data-label="Level">{n.level}</td>
              <td data-label="Status">
                <StatusTag status={n.status} />
                {n.burnedAt && <div className="muted">Burned {formatDateTime(n.burnedAt)}</div>}
              </td>
              <td data-label="Mint">
                <code title={n.mintAddress}>{shorten(n.mintAddress)}</code>
              </td>
              <td data-label="Owner wallet">
                <code title={n.ownerWallet}>{shorten(n.ownerWallet)}</code>
              </td>
              <td data-label="Minted">{formatDateTime(n.mintedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Requests({ requests }: { requests: AdminUserDetail['requests'] }) {
  const [open, setOpen] = useState<string | null>(null);
  if (requests.length === 0) return <p className="muted">No unlock or upgrade requests.</p>;
  return (
    <ul className="queue">
      {requests.map((r) => (
        <li key={r.id} className="queue-item queue-item--flat">
          <div className="card__head">
            <span>
              <strong>
                {humanize(r.kind)} to level {r.toLevel}
              </strong>
              <span className="muted"> · {formatDateTime(r.createdAt)}</span>
            </span>
            <StatusTag status={r.status} />
          </div>
          {r.error && <p className="cell-error">{r.error}</p>}
          <button
            className="button button--small"
            type="button"
            aria-expanded={open === r.id}
            onClick={() => setOpen(open === r.id ? null : r.id)}
          >
            {open === r.id ? 'Hide history' : 'Show history'}
          </button>
          {open === r.id && <RequestHistory requestId={r.id} />}
        </li>
      ))}
    </ul>
  );
}

/** One person: account, trading volume, level NFTs, and unlock/upgrade requests with history. */
export function UserDetailPage() {
  const { userId = '' } = useParams();
  const api = useAdminApi();
  const detail = useResource(queryKeys.admin.users.detail(userId), (signal) =>
    api.userDetail(userId, signal),
  );
  const email = detail.data?.user.email;

  return (
    <>
      <AdminPageHeader
        title={email ?? 'User'}
        actions={
          <Link className="button button--small" to="/admin/users">
            All users
          </Link>
        }
      />
      <ResourceView
        resource={detail}
        feature="The user detail view"
        loadingLabel="Loading this user…"
        errorTitle="Could not load this user"
      >
        {(d) => {
          const active = d.nfts.find((n) => n.status === 'active');
          return (
            <>
              <div className="grid">
                <section className="card" aria-labelledby="account-title">
                  <h2 id="account-title">Account</h2>
                  <dl className="details">
                    <div>
                      <dt>Email</dt>
                      <dd>{d.user.email}</dd>
                    </div>
                    <div>
                      <dt>Role</dt>
                      <dd>{d.user.role === 'admin' ? 'Admin' : 'User'}</dd>
                    </div>
                    <div>
                      <dt>Wallet</dt>
                      <dd>
                        {d.user.walletAddress ? (
                          <code className="address">{d.user.walletAddress}</code>
                        ) : (
                          <span className="muted">None linked: blockchain badges go to the vault</span>
                        )}
                      </dd>
                    </div>
                    {d.user.externalId && (
                      <div>
                        <dt>Platform id</dt>
                        <dd>
                          <code>{d.user.externalId}</code>
                        </dd>
                      </div>
                    )}
                    <div>
                      <dt>Joined</dt>
                      <dd>{formatDateTime(d.user.createdAt)}</dd>
                    </div>
                  </dl>
                  <EndSessionsButton userId={d.user.id} email={d.user.email} />
                </section>
                <section className="card" aria-labelledby="volume-title">
                  <h2 id="volume-title">Trading and level</h2>
                  <dl className="details">
                    <div>
                      <dt>Trading volume</dt>
                      <dd data-testid="user-volume">
                        {formatUsd(d.volume.totalVolumeUsd)}{' '}
                        <span className="muted">over {d.volume.tradeCount} trade(s)</span>
                      </dd>
                    </div>
                    <div>
                      <dt>Last trade</dt>
                      <dd>{formatDateTime(d.volume.lastTradeAt)}</dd>
                    </div>
                    <div>
                      <dt>Current level</dt>
                      <dd>{active ? `Level ${active.level}` : <span className="muted">None</span>}</dd>
                    </div>
                  </dl>
                </section>
              </div>
              <section className="card" aria-labelledby="nfts-title">
                <h2 id="nfts-title">Level NFTs</h2>
                <Nfts nfts={d.nfts} />
              </section>
              <section className="card" aria-labelledby="badges-title">
                <h2 id="badges-title">Badges</h2>
                <UserBadgesTable badges={d.badges} email={d.user.email} onRevoked={detail.reload} />
              </section>
              <section className="card" aria-labelledby="requests-title">
                <h2 id="requests-title">Unlock and upgrade requests</h2>
                <Requests requests={d.requests} />
              </section>
            </>
          );
        }}
      </ResourceView>
    </>
  );
}
