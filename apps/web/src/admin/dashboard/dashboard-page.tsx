import type { AdminDashboard } from '@insignia/contract';
import { Link } from 'react-router-dom';
import { useAdminDashboard } from '../admin-context.tsx';
import { AdminPageHeader } from '../common/admin-page-header.tsx';
import { formatDateTime, plural } from '../common/format.ts';
import { ResourceView } from '../common/resource-view.tsx';
import { StatusTag } from '../common/status-tag.tsx';
import { AttentionList } from './attention-list.tsx';
import './dashboard.css';
import { LazyDashboardCharts } from './lazy-dashboard-charts.tsx';
import { PlatformWallets } from './platform-wallets.tsx';

function Counts({ d }: { d: AdminDashboard }) {
  const traders = d.users.total - d.users.admins;
  const b = d.badges;
  return (
    <dl className="dash-tiles">
      <div className="dash-tile">
        <dt>Traders</dt>
        <dd className="dash-tile__figure">{traders.toLocaleString()}</dd>
        <dd className="dash-tile__note">
          {d.users.withWallet.toLocaleString()} with a wallet · {plural(d.users.admins, 'admin')}
        </dd>
      </div>
      <div className="dash-tile">
        <dt>Level NFTs held</dt>
        <dd className="dash-tile__figure">{d.nfts.totalActive.toLocaleString()}</dd>
        <dd className="dash-tile__note">
          {d.nfts.activeByLevel
            .filter((l) => l.count > 0)
            .map((l) => `${l.name} ${l.count}`)
            .join(' · ') || 'None minted yet'}
        </dd>
        {d.nfts.heldBelowLevel > 0 && (
          <dd className="dash-tile__note">
            <Link to="/admin/below-level">
              {d.nfts.heldBelowLevel.toLocaleString()} below their level after reversed trades →
            </Link>
          </dd>
        )}
      </div>
      <div className="dash-tile">
        <dt>Badges issued</dt>
        <dd className="dash-tile__figure">{b.issued.toLocaleString()}</dd>
        <dd className="dash-tile__note" data-testid="badge-counts">
          {b.onChain.toLocaleString()} in wallets · {b.inVault.toLocaleString()} in the vault ·{' '}
          {b.databaseOnly.toLocaleString()} database only
        </dd>
        {b.expired + b.revoked > 0 && (
          <dd className="dash-tile__note" data-testid="badge-validity-counts">
            Of these, {b.expired.toLocaleString()} expired · {b.revoked.toLocaleString()} revoked
          </dd>
        )}
      </div>
      <div className="dash-tile">
        <dt>Badges in the catalogue</dt>
        <dd className="dash-tile__figure">{b.total.toLocaleString()}</dd>
        <dd className="dash-tile__note">
          <Link to="/admin/badges">Open the catalogue →</Link>
        </dd>
      </div>
    </dl>
  );
}

function RecentActivity({ d }: { d: AdminDashboard }) {
  if (d.recentActivity.length === 0) {
    return <p className="muted">No activity yet. Level, badge, claim and NFT actions will appear here.</p>;
  }
  // The audit log's newest entries, as its page words them.
  return (
    <ol className="activity">
      {d.recentActivity.map((entry) => (
        <li key={entry.id} className="activity__item">
          <time dateTime={entry.at} className="activity__time">
            {formatDateTime(entry.at)}
          </time>
          <span className="activity__what">{entry.summary}</span>
          {entry.outcome !== 'ok' && (
            <span className={`pill ${entry.outcome === 'error' ? 'pill--bad' : 'pill--warn'}`}>
              {entry.outcome === 'error' ? 'Failed' : 'In progress'}
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}

/** Console home: what needs attention first, then counts, the platform wallets, charts and activity. */
export function DashboardPage() {
  const dashboard = useAdminDashboard();
  return (
    <>
      <AdminPageHeader
        title="Dashboard"
        description="What needs attention, how the platform is doing, and the latest activity."
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
            <section className="dash-counts" aria-labelledby="counts-title">
              <h2 id="counts-title" className="visually-hidden">
                Counts
              </h2>
              <Counts d={d} />
            </section>
            <section className="card" aria-labelledby="wallets-title">
              <h2 id="wallets-title">Platform wallets</h2>
              <PlatformWallets d={d} />
            </section>
            <LazyDashboardCharts />
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
              </section>
            </div>
          </>
        )}
      </ResourceView>
    </>
  );
}
