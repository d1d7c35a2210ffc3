import type { IssuancePreview } from '@insignia/contract';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { describeError } from '../../api/api-error.ts';
import { ErrorNotice } from '../../layout/error-notice.tsx';
import { useAdminApi, useAdminDashboard } from '../admin-context.tsx';
import { plural } from '../common/format.ts';
import { SigningModePicker, useSigningMode } from '../wallet/signing-mode-picker.tsx';
import { signBatchStepText, signBatchWithWallet, type SignBatchStep } from './sign-batch.ts';
import { recipientsOf, type WizardAction, type WizardState } from './wizard-state.ts';

/** Step 4: who signs the mints, then issue; the batch page follows the progress. */
export function IssueStep(props: {
  state: WizardState;
  preview: IssuancePreview;
  dispatch: (a: WizardAction) => void;
}) {
  const { state, preview, dispatch } = props;
  const api = useAdminApi();
  const dashboard = useAdminDashboard();
  const navigate = useNavigate();
  const signing = useSigningMode();
  const [busy, setBusy] = useState<null | 'creating' | SignBatchStep>(null);
  const [error, setError] = useState<string | null>(null);
  const [allHeld, setAllHeld] = useState(false);
  const needsChain = preview.preflight.needsChain;
  const walletState = signing.wallet.state;
  const walletReady = signing.mode === 'server' || walletState.status === 'connected';

  async function issue() {
    setError(null);
    setBusy('creating');
    let batchId: string | null = null;
    try {
      const adminWallet = walletState.status === 'connected' ? walletState.account.address : undefined;
      const mode = needsChain ? signing.mode : 'server';
      const { batch } = await api.badges.createIssuance({
        badgeIds: state.badgeIds,
        recipients: recipientsOf(state),
        signingMode: mode,
        ...(mode === 'admin_wallet' && adminWallet ? { adminWallet } : {}),
      });
      if (!batch) {
        // Every row names an address nobody has verified yet: held, issued on verification.
        setAllHeld(true);
        setBusy(null);
        return;
      }
      batchId = batch.id;
      dashboard.reload();
      if (mode === 'admin_wallet') await signBatchWithWallet(api, batch.id, walletState, setBusy);
      void navigate(`/admin/issuance/${batch.id}`);
    } catch (e) {
      // The batch exists even if signing failed: its page lets the admin sign again.
      if (batchId) void navigate(`/admin/issuance/${batchId}`, { state: { signError: describeError(e) } });
      else setError(describeError(e));
      setBusy(null);
    }
  }

  return (
    <fieldset className="step">
      <legend>Sign and issue</legend>
      {needsChain ? (
        <SigningModePicker signing={signing} purpose="sign the mint transactions" />
      ) : (
        <p className="muted">Only database-only badges: nothing to sign.</p>
      )}
      {error && <ErrorNotice title="Nothing was issued" message={error} />}
      {allHeld && (
        <p className="notice notice--info" role="status">
          Every row is held until its owner verifies their email address; the badges are issued then.
        </p>
      )}
      {busy && (
        <p className="loading" role="status">
          <span className="spinner" aria-hidden="true" />
          {busy === 'creating' ? 'Creating the issuance…' : signBatchStepText[busy]}
        </p>
      )}
      <div className="step__nav">
        <button
          className="button"
          type="button"
          disabled={busy !== null}
          onClick={() => dispatch({ type: 'go', step: 'preview' })}
        >
          Back
        </button>
        <button
          className="button button--primary"
          type="button"
          disabled={busy !== null || allHeld || !walletReady || (needsChain && !preview.preflight.canPay)}
          onClick={() => void issue()}
        >
          Issue {plural(preview.summary.issuances, 'badge')}
        </button>
      </div>
    </fieldset>
  );
}
