import type { AdminDashboard } from '@insignia/contract';
import { Link } from 'react-router-dom';
import { useAdminDashboard } from '../admin-context.tsx';
import { AdminPageHeader } from '../common/admin-page-header.tsx';
import { formatDateTime, formatSol, humanize } from '../common/format.ts';
import { ResourceView } from '../common/resource-view.tsx';
import { StatusTag } from '../common/status-tag.tsx';
import { AttentionList } from './attention-list.tsx';

function Counts({ d }: { d: AdminDashboard }) {
  return (
    <dl className="stats">
      <div className="stat">
        <dt>Users</dt>
        <dd>{d.users.total.toLocaleString()}</dd>
        <p className="stat__note">
          {d.users.withWallet.toLocaleString()} with a wallet · {d.users.admins} admin
          {d.users.admins === 1 ? '' : 's'}
        </p>
      </div>
      <div className="stat">
        <dt>Active level NFTs</dt>
        <dd>{d.nfts.totalActive.toLocaleString()}</dd>
        <p className="stat__note">
          {d.nfts.activeByLevel
            .filter((l) => l.count > 0)
            .map((l) => `${l.name}: ${l.count}`)
            .join(' · ') || 'None minted yet'}
        </p>
      </div>
      <div className="stat">
        <dt>Badges</dt>
        <dd>{d.badges.total.toLocaleString()}</dd>
        <p className="stat__note">
          {d.badges.issued.toLocaleString()} issued · {d.badges.inVault.toLocaleString()} in the vault
        </p>
      </div>
      <div className="stat">
        <dt>Authority SOL</dt>
        <dd>{d.authority.balanceLamports === null ? '—' : formatSol(d.authority.balanceLamports)}</dd>
        <p className="stat__note">
          {d.authority.low === null
            ? 'Could not be read'
            : d.authority.low
              ? 'Low: add SOL'
              : 'Enough for now'}
        </p>
      </div>
    </dl>
  );
}

function RecentActivity({ d }: { d: AdminDashboard }) {
  if (d.recentActivity.length === 0) {
    return <p className="muted">No activity yet. Badge, issuance, claim and NFT events will appear here.</p>;
  }
  return (
    <ol className="activity">
      {d.recentActivity.map((a) => (
        <li key={`${a.source}-${a.id}`} className="activity__item">
          <time dateTime={a.at} className="activity__time">
            {formatDateTime(a.at)}
          </time>
          <span className="activity__what">
            {a.source === 'nft'
              ? `${humanize(a.entity)} request → ${humanize(a.action)}`
              : humanize(a.action)}
            {a.actorEmail && <span className="muted"> by {a.actorEmail}</span>}
            {a.error && <span className="activity__error"> — {a.error}</span>}
          </span>
          <StatusTag status={a.status} />
        </li>
      ))}
    </ol>
  );
}

/** Console home: what needs attention first, then counts and recent activity. */
export function DashboardPage() {
  const dashboard = useAdminDashboard();
  return (
    <>
      <AdminPageHeader
        title="Dashboard"
        description="What needs attention, the main counts, and the latest activity."
        actions={
          <button className="button button--small" type="button" onClick={dashboard.reload}>
            Refresh
          </button>
        }
      />
      <ResourceView
        resource={dashboard}
        loadingLabel="Loading the dashboard…"
        errorTitle="Could not load the dashboard"
      >
        {(d) => (
          <>
            <section className="card" aria-labelledby="attention-title">
              <h2 id="attention-title">Needs attention</h2>
              <AttentionList dashboard={d} />
            </section>
            <section className="card" aria-labelledby="counts-title">
              <h2 id="counts-title">Counts</h2>
              <Counts d={d} />
            </section>
            <div className="grid">
              <section className="card" aria-labelledby="activity-title">
                <div className="card__head">
                  <h2 id="activity-title">Recent activity</h2>
                  <Link to="/admin/audit">Audit log →</Link>
                </div>
                <RecentActivity d={d} />
              </section>
              <section className="card" aria-labelledby="recon-title">
                <div className="card__head">
                  <h2 id="recon-title">Reconciliation</h2>
                  <Link to="/admin/reconciliation">Report →</Link>
                </div>
                {d.lastReconciliation ? (
                  <p>
                    Last run {formatDateTime(d.lastReconciliation.startedAt)}:{' '}
                    <StatusTag status={d.lastReconciliation.status} />, {d.lastReconciliation.flagged}{' '}
                    flagged.
                  </p>
                ) : (
                  <p className="muted">No reconciliation has run yet.</p>
                )}
                <p className="muted">
                  Authority <code className="address">{d.authority.address}</code>
                </p>
              </section>
            </div>
          </>
        )}
      </ResourceView>
    </>
  );
}
