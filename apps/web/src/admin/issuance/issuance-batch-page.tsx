import type { IssuanceBatch } from '@insignia/contract';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { describeError } from '../../api/api-error.ts';
import { queryKeys } from '../../api/query-keys.ts';
import { ErrorNotice } from '../../layout/error-notice.tsx';
import { useLiveStatus } from '../../live/live-context.tsx';
import { useAdminApi } from '../admin-context.tsx';
import { AdminPageHeader } from '../common/admin-page-header.tsx';
import { formatDateTime } from '../common/format.ts';
import { Pager } from '../common/pager.tsx';
import { ProgressBar } from '../common/progress-bar.tsx';
import { ResourceView } from '../common/resource-view.tsx';
import { StatusTag } from '../common/status-tag.tsx';
import { Tabs } from '../common/tabs.tsx';
import { useResource } from '../common/use-resource.ts';
import { useSigningWallet } from '../wallet/use-signing-wallet.ts';
import { WalletConnect } from '../wallet/wallet-connect.tsx';
import { BatchResults } from './batch-results.tsx';
import { signBatchStepText, signBatchWithWallet, type SignBatchStep } from './sign-batch.ts';

const LIMIT = 50;
const terminal = new Set(['completed', 'failed']);

function BatchProgress({ batch }: { batch: IssuanceBatch }) {
  const c = batch.counts;
  // Database-only badges are `issued` as well, but they never reach a wallet.
  const databaseOnly = c.databaseOnly ?? 0;
  const done = terminal.has(batch.status);
  return (
    <div data-testid="batch-progress">
      <ProgressBar
        label="Issuance progress"
        value={c.done}
        max={c.total}
        text={`${c.done} of ${c.total} done`}
        tone={done ? (c.failed > 0 ? 'bad' : 'good') : 'normal'}
      />
      <p className="muted" data-testid="batch-counts">
        {(
          [
            [c.issued - databaseOnly, 'issued to wallets'],
            [c.inVault + c.claimRequested + c.claimed, 'to the vault'],
            [databaseOnly, 'recorded in the database only'],
            [c.pending + c.uploaded + c.minting, 'in progress'],
          ] as const
        )
          .filter(([n]) => n > 0)
          .map(([n, label]) => `${n} ${label}`)
          .concat(`${c.failed} failed`)
          .join(' · ')}
      </p>
      {done && (
        <p className={c.failed > 0 ? 'notice notice--error' : 'notice notice--success'} role="status">
          {c.failed > 0
            ? `Finished with ${c.failed} failed issuance${c.failed === 1 ? '' : 's'}. Retry them below.`
            : 'Finished: every issuance succeeded.'}
        </p>
      )}
    </div>
  );
}

function WalletSigning({ batch, onSigned }: { batch: IssuanceBatch; onSigned: () => void }) {
  const api = useAdminApi();
  const handle = useSigningWallet();
  const location = useLocation();
  const [step, setStep] = useState<SignBatchStep | null>(null);
  const [error, setError] = useState<string | null>(
    (location.state as { signError?: string } | null)?.signError ?? null,
  );
  async function sign() {
    setError(null);
    try {
      await signBatchWithWallet(api, batch.id, handle.state, setStep);
      onSigned();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setStep(null);
    }
  }
  return (
    <section className="card" aria-labelledby="sign-title">
      <h2 id="sign-title">Waiting for your wallet’s signature</h2>
      <p className="muted">
        {batch.transactions.awaitingSignature > 0
          ? `${batch.transactions.awaitingSignature} transaction(s) need the signature of `
          : 'The transactions are being prepared (metadata goes to IPFS first). They need the signature of '}
        <code className="address">{batch.adminWallet}</code>.
      </p>
      {error && <ErrorNotice title="The transactions were not signed" message={error} />}
      <WalletConnect handle={handle} purpose="sign the mint transactions" />
      {step ? (
        <p className="loading" role="status">
          <span className="spinner" aria-hidden="true" /> {signBatchStepText[step]}
        </p>
      ) : (
        <button
          className="button button--primary"
          type="button"
          disabled={handle.state.status !== 'connected'}
          onClick={() => void sign()}
        >
          Sign all and send
        </button>
      )}
    </section>
  );
}

/** One issuance batch: live progress to the end, then per-issuance results with Retry. */
export function IssuanceBatchPage() {
  const { batchId = '' } = useParams();
  const api = useAdminApi();
  const live = useLiveStatus();
  const [status, setStatus] = useState('');
  const [offset, setOffset] = useState(0);
  const params = { status: status || undefined, limit: LIMIT, offset };
  // Live `issuance:progress` events refresh it (live-query-keys.ts). Polling backs up the
  // WebSocket until the batch ends: often while it is down, now and then while it is up.
  const detail = useResource(
    queryKeys.admin.issuance.batch(batchId, params),
    (signal) => api.badges.batch(batchId, params, signal),
    { pollMs: (d) => (d && terminal.has(d.batch.status) ? false : live === 'open' ? 10_000 : 2_000) },
  );
  const { reload } = detail;
  const batch = detail.data?.batch;

  return (
    <>
      <AdminPageHeader
        title={batch ? `Issuance: ${batch.badges.map((b) => b.name).join(', ')}` : 'Issuance'}
        description={
          batch && (
            <>
              {batch.signingMode === 'server' ? 'Signed by the server key' : 'Signed by an admin wallet'} ·{' '}
              {formatDateTime(batch.createdAt)}
              {batch.createdBy && ` · by ${batch.createdBy.email}`} · <StatusTag status={batch.status} />
            </>
          )
        }
        actions={
          <Link className="button button--small" to="/admin/issuance">
            New issuance
          </Link>
        }
      />
      <ResourceView
        resource={detail}
        loadingLabel="Loading the issuance…"
        errorTitle="Could not load this issuance"
      >
        {(d) => (
          <>
            {d.batch.status === 'awaiting_signature' && d.batch.signingMode === 'admin_wallet' && (
              <WalletSigning batch={d.batch} onSigned={reload} />
            )}
            <section className="card" aria-labelledby="progress-title">
              <h2 id="progress-title">Progress</h2>
              <BatchProgress batch={d.batch} />
            </section>
            <section className="card" aria-labelledby="results-title">
              <h2 id="results-title">Results</h2>
              <Tabs
                label="Show"
                value={status}
                options={[
                  { value: '', label: 'All' },
                  { value: 'failed', label: 'Failed', count: d.batch.counts.failed },
                  { value: 'issued', label: 'Issued' },
                  { value: 'in_vault,claim_requested,claimed', label: 'In the vault' },
                ]}
                onChange={(next) => {
                  setStatus(next);
                  setOffset(0);
                }}
              />
              {d.items.length === 0 ? (
                <p className="empty-state">No issuance here.</p>
              ) : (
                <BatchResults items={d.items} onRetried={reload} />
              )}
              <Pager
                label="Results"
                offset={offset}
                limit={LIMIT}
                shown={d.items.length}
                total={d.itemsTotal}
                onChange={setOffset}
              />
            </section>
          </>
        )}
      </ResourceView>
    </>
  );
}
