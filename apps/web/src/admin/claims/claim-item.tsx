import type { AdminClaimView } from '@insignia/contract';
import { useId, useState, type SubmitEvent } from 'react';
import { Link } from 'react-router-dom';
import { describeError } from '../../api/api-error.ts';
import { ErrorNotice } from '../../layout/error-notice.tsx';
import { useAdminApi, useAdminDashboard } from '../admin-context.tsx';
import { formatDateTime, shorten } from '../common/format.ts';
import { StatusTag } from '../common/status-tag.tsx';
import { signAllTransactions } from '../wallet/signing-wallet.ts';
import type { SigningWalletState } from '../wallet/use-signing-wallet.ts';

export type ClaimSigning = { mode: 'server' } | { mode: 'admin_wallet'; wallet: SigningWalletState };

type Step = null | 'approving' | 'preparing' | 'signing' | 'sending' | 'rejecting';
const stepText: Record<Exclude<Step, null>, string> = {
  approving: 'Approving…',
  preparing: 'Preparing the transfer…',
  signing: 'Approve the transfer in your wallet…',
  sending: 'Sending the signed transfer…',
  rejecting: 'Rejecting…',
};

/** One claim: the badge, who asked, where it goes, and approve / reject. */
export function ClaimItem(props: { claim: AdminClaimView; signing: ClaimSigning; onChanged: () => void }) {
  const { claim, signing, onChanged } = props;
  const api = useAdminApi();
  const dashboard = useAdminDashboard();
  const id = useId();
  const [step, setStep] = useState<Step>(null);
  const [error, setError] = useState<string | null>(null);
  const [rejectOpen, setRejectOpen] = useState(false);
  const [reason, setReason] = useState('');
  const walletState = signing.mode === 'admin_wallet' ? signing.wallet : null;
  const connected = walletState?.status === 'connected' ? walletState : null;
  const awaitingWallet = claim.status === 'approved' && claim.signingMode === 'admin_wallet';

  async function run(work: () => Promise<void>) {
    setError(null);
    try {
      await work();
      dashboard.reload();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setStep(null);
      onChanged();
    }
  }

  /** Authority- and vault-signed transfer → the admin’s wallet adds its approval → the server sends it. */
  async function signWithWallet() {
    if (!connected) throw new Error('Connect your wallet above first.');
    setStep('preparing');
    const prepared = await api.claims.transaction(claim.id);
    setStep('signing');
    const [signed] = await signAllTransactions(connected.wallet, connected.account, [prepared.transaction]);
    // signAllTransactions returns one output per input, so this only guards the type.
    if (signed === undefined) throw new Error('The wallet returned no signed transaction.');
    setStep('sending');
    await api.claims.submitSigned(claim.id, signed);
  }

  const approve = () =>
    run(async () => {
      setStep('approving');
      if (signing.mode === 'server') {
        await api.claims.approve(claim.id, { signingMode: 'server' });
        return;
      }
      if (!connected) throw new Error('Connect your wallet above first, or choose the server key.');
      await api.claims.approve(claim.id, {
        signingMode: 'admin_wallet',
        adminWallet: connected.account.address,
      });
      await signWithWallet();
    });

  function reject(event: SubmitEvent) {
    event.preventDefault();
    if (reason.trim().length < 3) {
      setError('Give a reason of at least 3 characters; the user sees it.');
      return;
    }
    void run(async () => {
      setStep('rejecting');
      await api.claims.reject(claim.id, reason.trim());
      setRejectOpen(false);
    });
  }

  return (
    <li className="card queue-item" data-testid={`claim-${claim.id}`}>
      <div className="card__head">
        <h2 className="with-image">
          {claim.imageUrl && <img src={claim.imageUrl} alt="" width={36} height={36} />}
          {claim.badgeName}
        </h2>
        <StatusTag status={claim.status} />
      </div>
      <dl className="details details--inline">
        <div>
          <dt>User</dt>
          <dd>
            <Link to={`/admin/users/${claim.user.id}`}>{claim.user.email}</Link>
          </dd>
        </div>
        <div>
          <dt>To wallet</dt>
          <dd>
            <code className="address">{claim.walletAddress}</code>
          </dd>
        </div>
        <div>
          <dt>Token id (mint)</dt>
          <dd>
            <code title={claim.tokenId}>{shorten(claim.tokenId, 8)}</code>
          </dd>
        </div>
        <div>
          <dt>Requested</dt>
          <dd>{formatDateTime(claim.submittedAt)}</dd>
        </div>
        {claim.transferSignature && (
          <div>
            <dt>Transfer</dt>
            <dd>
              <code title={claim.transferSignature}>{shorten(claim.transferSignature, 8)}</code>
            </dd>
          </div>
        )}
        {claim.adminWallet && (
          <div>
            <dt>Approved by wallet</dt>
            <dd>
              <code title={claim.adminWallet}>{shorten(claim.adminWallet, 8)}</code>
            </dd>
          </div>
        )}
        {claim.completedAt && (
          <div>
            <dt>Completed</dt>
            <dd>{formatDateTime(claim.completedAt)}</dd>
          </div>
        )}
      </dl>
      {claim.rejectReason && (
        <p>
          <strong>Rejected:</strong> {claim.rejectReason}
        </p>
      )}
      {claim.error && (
        <p className="queue-item__error">
          <strong>Error{claim.errorCode ? ` (${claim.errorCode})` : ''}:</strong> {claim.error}
        </p>
      )}
      {claim.status === 'transferring' && (
        <p className="loading" role="status">
          <span className="spinner" aria-hidden="true" /> Transfer sent; waiting for the chain to confirm it.
        </p>
      )}
      {step && (
        <p className="loading" role="status">
          <span className="spinner" aria-hidden="true" /> {stepText[step]}
        </p>
      )}
      {error && <ErrorNotice title="That did not work" message={error} />}

      {(claim.status === 'pending' || awaitingWallet) && !step && (
        <div className="button-row">
          {claim.status === 'pending' && (
            <button
              className="button button--small button--primary"
              type="button"
              onClick={() => void approve()}
            >
              {signing.mode === 'server' ? 'Approve (server key)' : 'Approve and sign with wallet'}
            </button>
          )}
          {awaitingWallet && (
            <button
              className="button button--small button--primary"
              type="button"
              onClick={() => void run(signWithWallet)}
            >
              Sign and send with wallet
            </button>
          )}
          <button
            className="button button--small"
            type="button"
            aria-expanded={rejectOpen}
            onClick={() => setRejectOpen((o) => !o)}
          >
            Reject…
          </button>
        </div>
      )}
      {rejectOpen && !step && (
        <form className="form" onSubmit={reject}>
          <div className="field">
            <label htmlFor={`${id}-reason`}>Reason (the user sees it)</label>
            <textarea
              id={`${id}-reason`}
              rows={2}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
            <p className="field__hint">The badge stays in the vault and can be claimed again.</p>
          </div>
          <div className="button-row">
            <button className="button button--small button--danger" type="submit">
              Reject claim
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
