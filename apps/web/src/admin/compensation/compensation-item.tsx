import { useId, useState, type SubmitEvent } from 'react';
import { Link } from 'react-router-dom';
import { describeError } from '../../api/api-error.ts';
import { ErrorNotice } from '../../layout/error-notice.tsx';
import { useAdminApi, useAdminDashboard } from '../admin-context.tsx';
import type { AdminNftRequest } from '../api/admin-api.ts';
import { formatDateTime, humanize, shorten } from '../common/format.ts';
import { StatusTag } from '../common/status-tag.tsx';
import { RequestHistory } from './request-history.tsx';

type Busy = null | 'retry' | 'compensate';

/** One stuck upgrade: what happened, its history, and the two ways out. */
export function CompensationItem({
  request,
  onChanged,
}: {
  request: AdminNftRequest;
  onChanged: () => void;
}) {
  const api = useAdminApi();
  const dashboard = useAdminDashboard();
  const id = useId();
  const [showHistory, setShowHistory] = useState(false);
  const [noteOpen, setNoteOpen] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const waiting = request.status === 'needs_compensation';

  async function act(kind: Exclude<Busy, null>, run: () => Promise<unknown>, message: string) {
    setBusy(kind);
    setError(null);
    try {
      await run();
      setDone(message);
      setNoteOpen(false);
      dashboard.reload();
      onChanged();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(null);
    }
  }

  function submitNote(event: SubmitEvent) {
    event.preventDefault();
    if (note.trim().length < 3) {
      setError('Write a note of at least 3 characters: what was done to make the user whole.');
      return;
    }
    void act('compensate', () => api.compensateNftRequest(request.id, note.trim()), 'Compensation recorded.');
  }

  return (
    <li className="card queue-item" data-testid={`request-${request.id}`}>
      <div className="card__head">
        <h2>
          {humanize(request.kind)} to level {request.toLevel}
          {request.fromLevel !== null && <span className="muted"> from level {request.fromLevel}</span>}
        </h2>
        <StatusTag status={request.status} />
      </div>
      <dl className="details details--inline">
        <div>
          <dt>User</dt>
          <dd>
            <Link to={`/admin/users/${request.user.id}`}>{request.user.email}</Link>
          </dd>
        </div>
        <div>
          <dt>Wallet</dt>
          <dd>
            <code className="address">{request.walletAddress}</code>
          </dd>
        </div>
        <div>
          <dt>New NFT mint</dt>
          <dd>
            <code title={request.mintAddress}>{shorten(request.mintAddress, 8)}</code>
          </dd>
        </div>
        <div>
          <dt>Burn transaction</dt>
          <dd>
            {request.burnSignature ? (
              <code title={request.burnSignature}>{shorten(request.burnSignature, 8)}</code>
            ) : (
              '—'
            )}
          </dd>
        </div>
        <div>
          <dt>Last change</dt>
          <dd>{formatDateTime(request.updatedAt)}</dd>
        </div>
        <div>
          <dt>Request</dt>
          <dd>
            <code>{request.id}</code>
          </dd>
        </div>
      </dl>
      {request.error && (
        <p className="queue-item__error">
          <strong>Error{request.errorCode ? ` (${request.errorCode})` : ''}:</strong> {request.error}
        </p>
      )}
      {request.compensationNote && (
        <p>
          <strong>Compensation note:</strong> {request.compensationNote}
        </p>
      )}
      {done && (
        <div className="notice notice--success" role="status">
          {done}
        </div>
      )}
      {error && <ErrorNotice title="That did not work" message={error} />}

      <div className="button-row">
        {waiting && (
          <>
            <button
              className="button button--small button--primary"
              type="button"
              disabled={busy !== null}
              onClick={() =>
                void act(
                  'retry',
                  () => api.retryNftRequest(request.id),
                  'Retry started: the mint is being tried again.',
                )
              }
            >
              {busy === 'retry' ? 'Retrying…' : 'Retry the mint'}
            </button>
            <button
              className="button button--small"
              type="button"
              aria-expanded={noteOpen}
              aria-controls={`${id}-note`}
              disabled={busy !== null}
              onClick={() => setNoteOpen((o) => !o)}
            >
              Record compensation
            </button>
          </>
        )}
        <button
          className="button button--small"
          type="button"
          aria-expanded={showHistory}
          onClick={() => setShowHistory((s) => !s)}
        >
          {showHistory ? 'Hide history' : 'Show history'}
        </button>
      </div>
      {noteOpen && (
        <form id={`${id}-note`} className="form" onSubmit={submitNote}>
          <div className="field">
            <label htmlFor={`${id}-note-text`}>What was done to make the user whole?</label>
            <textarea
              id={`${id}-note-text`}
              rows={3}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder="e.g. Minted the level 3 NFT by hand, tx …"
            />
            <p className="field__hint">This closes the request for good and is kept in its history.</p>
          </div>
          <div className="button-row">
            <button className="button button--small button--primary" type="submit" disabled={busy !== null}>
              {busy === 'compensate' ? 'Recording…' : 'Record and close'}
            </button>
          </div>
        </form>
      )}
      {showHistory && <RequestHistory requestId={request.id} />}
    </li>
  );
}
