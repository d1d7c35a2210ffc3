import type { Issuance, RevocationPreview } from '@insignia/contract';
import { useId, useState, type SubmitEvent } from 'react';
import { describeError } from '../../api/api-error.ts';
import { useAdminApi } from '../admin-context.tsx';
import { StatusTag } from '../common/status-tag.tsx';
import { describeChainStatus, OLD_MINT_WARNING, plannedChainText } from './revocation-text.ts';
import './revocations.css';

/** Statuses a badge can be revoked in: it reached the person and nothing is under way. */
const REVOCABLE = new Set<Issuance['status']>(['issued', 'in_vault', 'claimed']);

type Revoked = NonNullable<Issuance['revocation']>;
export type RevocableIssuance = Pick<Issuance, 'id' | 'status' | 'revocation'> & {
  badge: { name: string };
  user: { email: string };
};

/** The revoked state of an issuance: the reason and what happened on chain. */
export function RevokedNote({ revocation }: { revocation: Revoked & { lastError?: string | null } }) {
  return (
    <div className="revoked-note">
      <StatusTag status="revoked" label="Revoked" />
      <div>
        <span className="muted">Reason:</span> {revocation.reason}
      </div>
      <div className="muted">{describeChainStatus(revocation)}</div>
    </div>
  );
}

/**
 * "Revoke" on an issued badge: asks for the reason, says what happens on chain (and, for a
 * wallet badge on an old mint, that the token stays), then shows the revoked state.
 */
export function RevokeAction({
  issuance,
  onRevoked,
}: {
  /** Any issuance row: the console's issuance results, or a person's badges. */
  issuance: RevocableIssuance;
  onRevoked: () => void;
}) {
  const api = useAdminApi();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [preview, setPreview] = useState<RevocationPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<(Revoked & { lastError: string | null }) | null>(null);

  const revoked = done ?? issuance.revocation;
  if (revoked) return <RevokedNote revocation={revoked} />;
  if (issuance.status === 'claim_requested')
    return <span className="muted">Claim pending: reject it under Claims to revoke this badge.</span>;
  if (!REVOCABLE.has(issuance.status)) return null;

  async function start() {
    setOpen(true);
    setError(null);
    try {
      setPreview(await api.revocations.preview(issuance.id));
    } catch (e) {
      setError(describeError(e));
    }
  }

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const trimmed = reason.trim();
    if (trimmed.length < 3) {
      setError('Give a reason of at least 3 characters: the person is told it.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await api.revocations.revoke(issuance.id, trimmed);
      setDone(r);
      setOpen(false);
      onRevoked();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }

  if (!open)
    return (
      <button
        className="button button--small button--danger"
        type="button"
        aria-label={`Revoke ${issuance.badge.name} of ${issuance.user.email}`}
        onClick={() => void start()}
      >
        Revoke
      </button>
    );

  return (
    <form
      className="form revoke-form"
      aria-label={`Revoke ${issuance.badge.name} of ${issuance.user.email}`}
      onSubmit={(e) => void submit(e)}
    >
      <div className="field">
        <label htmlFor={`${id}-reason`}>Why is this badge revoked?</label>
        <textarea
          id={`${id}-reason`}
          rows={3}
          maxLength={500}
          value={reason}
          aria-invalid={error !== null && reason.trim().length < 3}
          onChange={(e) => {
            setReason(e.target.value);
            setError(null);
          }}
          placeholder="e.g. Awarded by mistake"
        />
        <p className="field__hint">
          {issuance.user.email} is told by email and in the app, with this reason. The badge stops counting
          toward levels.
        </p>
      </div>
      {preview?.chainAction === 'status_list_only' && (
        <p className="notice notice--info" role="note">
          {OLD_MINT_WARNING}
        </p>
      )}
      {preview && preview.chainAction && preview.chainAction !== 'status_list_only' && (
        <p className="field__hint">{plannedChainText[preview.chainAction]}</p>
      )}
      {error && (
        <div className="cell-error" role="alert">
          {error}
        </div>
      )}
      <div className="button-row">
        <button className="button button--small button--danger" type="submit" disabled={busy}>
          {busy ? 'Revoking…' : 'Revoke badge'}
        </button>
        <button className="button button--small" type="button" disabled={busy} onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
