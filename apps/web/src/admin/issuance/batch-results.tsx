import type { Issuance } from '@insignia/contract';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { describeError } from '../../api/api-error.ts';
import { useAdminApi } from '../admin-context.tsx';
import { shorten } from '../common/format.ts';
import { StatusTag } from '../common/status-tag.tsx';
import { ValidityTag } from '../common/validity-tag.tsx';
import { RevokeAction } from '../revocations/revoke-action.tsx';
import { destinationText } from './preview-view.tsx';

const statusLabel: Record<Issuance['status'], string> = {
  pending: 'Pending',
  uploaded: 'Metadata on IPFS',
  minting: 'Minting',
  issued: 'Issued',
  in_vault: 'In the vault',
  claim_requested: 'Claim requested',
  claimed: 'Claimed',
  failed: 'Failed',
};

function RetryButton({ issuance, onRetried }: { issuance: Issuance; onRetried: () => void }) {
  const api = useAdminApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function retry() {
    setBusy(true);
    setError(null);
    try {
      await api.badges.retryIssuance(issuance.id);
      onRetried();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <button
        className="button button--small"
        type="button"
        disabled={busy}
        aria-label={`Retry ${issuance.badge.name} for ${issuance.user.email}`}
        onClick={() => void retry()}
      >
        {busy ? 'Retrying…' : 'Retry'}
      </button>
      {error && (
        <div className="cell-error" role="alert">
          {error}
        </div>
      )}
    </>
  );
}

/** One row per issuance of a batch: who, where, status, chain and IPFS references, Retry. */
export function BatchResults({ items, onRetried }: { items: Issuance[]; onRetried: () => void }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Issuances in this batch</caption>
        <thead>
          <tr>
            <th scope="col">User</th>
            <th scope="col">Badge</th>
            <th scope="col">Destination</th>
            <th scope="col">Status</th>
            <th scope="col">Chain and IPFS</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id} data-testid={`issuance-${i.user.email}`}>
              <td data-label="User">
                <Link to={`/admin/users/${i.user.id}`}>{i.user.email}</Link>
              </td>
              <td data-label="Badge">{i.badge.name}</td>
              <td data-label="Destination">{destinationText(i.destination, i.walletAddress)}</td>
              <td data-label="Status">
                <StatusTag status={i.status} label={statusLabel[i.status]} />{' '}
                <ValidityTag validUntil={i.validUntil} expired={i.expired} />
                {i.lastError && <div className="cell-error">{i.lastError}</div>}
                {i.status === 'failed' && <RetryButton issuance={i} onRetried={onRetried} />}
                <RevokeAction issuance={i} onRevoked={onRetried} />
              </td>
              <td data-label="Chain and IPFS">
                {i.mintSignature ? (
                  <code title={i.mintSignature}>tx {shorten(i.mintSignature)}</code>
                ) : (
                  <span className="muted">—</span>
                )}
                {i.metadataCid && (
                  <div>
                    <a
                      href={i.gatewayUrl ?? `/ipfs/${i.metadataCid}`}
                      target="_blank"
                      rel="noreferrer"
                      title={i.metadataCid}
                    >
                      IPFS {shorten(i.metadataCid)}
                    </a>
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
