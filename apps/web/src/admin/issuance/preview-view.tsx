import type { IssuanceDestination, IssuancePreview, RosterRejectReason, RosterRow } from '@insignia/contract';
import { formatSol, plural, shorten } from '../common/format.ts';

const ROWS_SHOWN = 100;

export const rejectReasonText: Record<RosterRejectReason, string> = {
  invalid: 'Not a valid email address or user id',
  unknown_user: 'No user with that email or id',
  duplicate_row: 'Duplicate of an earlier row',
  already_issued: 'Already holds every selected badge',
};

export function destinationText(destination: IssuanceDestination, wallet?: string | null): string {
  if (destination === 'wallet') return `Wallet${wallet ? ` ${shorten(wallet, 4)}` : ''}`;
  if (destination === 'vault') return 'Vault (claim later)';
  return 'Database only';
}

function CostSummary({ preview }: { preview: IssuancePreview }) {
  const p = preview.preflight;
  if (!p.needsChain) {
    return (
      <p className="notice notice--info">
        Database-only badges: no transaction, no SOL, no email. They appear in people’s profiles at once.
      </p>
    );
  }
  return (
    <div className={`notice ${p.canPay ? 'notice--info' : 'notice--error'}`} data-testid="issuance-cost">
      <p className="notice__title">
        Cost: about {p.totalSol} SOL ({plural(p.transactions, 'transaction')},{' '}
        {plural(p.newTokenAccounts, 'new token account')})
      </p>
      <p>
        Rent {formatSol(p.rentLamports)} + fees {formatSol(p.feeLamports)}
        {p.priorityFeeLamports !== '0' && <> + priority fees {formatSol(p.priorityFeeLamports)}</>}, paid by
        the platform authority <code title={p.feePayer}>{shorten(p.feePayer)}</code>, which holds{' '}
        {formatSol(p.authorityBalanceLamports)}.
      </p>
      <p>
        <strong>
          {p.canPay
            ? '✓ The authority can pay for this issuance.'
            : '✗ The authority cannot pay: add SOL to it before issuing.'}
        </strong>
      </p>
    </div>
  );
}

/** Every reason a row was rejected, with its count; the counts add up to the rejected total. */
function rejectionBreakdown(s: IssuancePreview['summary'], alreadyHeldRows: number): string {
  return [
    [s.invalid, 'not a valid email or id'],
    [s.unknownUsers, 'no such person'],
    [s.duplicateRows, 'duplicate'],
    [alreadyHeldRows, 'already holds every badge'],
  ]
    .filter(([n]) => Number(n) > 0)
    .map(([n, label]) => `${n} ${label}`)
    .join(', ');
}

/** What an issuance would do: who gets what where, rejected rows and why, and the SOL cost. */
export function PreviewView({
  preview,
  pickedIds,
}: {
  preview: IssuancePreview;
  pickedIds: ReadonlySet<string>;
}) {
  /** Picked users come first as `userIds`; pasted rows are CSV lines. Say which is which. */
  const source = (row: RosterRow) => (pickedIds.has(row.input) ? 'Picked' : `Line ${row.line}`);
  const s = preview.summary;
  const rejected = preview.rows.filter((r) => r.status === 'rejected');
  const alreadyHeldRows = rejected.filter((r) => r.reason === 'already_issued').length;
  // Badges skipped in rows that still get others (fully held rows are counted as rejected).
  const skippedBadges = s.alreadyIssued - alreadyHeldRows * preview.badges.length;
  const accepted = preview.rows.filter((r) => r.status === 'accepted');
  const badgeName = new Map(preview.badges.map((b) => [b.id, b.name]));

  return (
    <div className="preview" data-testid="issuance-preview">
      <dl className="stats">
        <div className="stat">
          <dt>Issuances</dt>
          <dd>{s.issuances}</dd>
          <p className="stat__note">{preview.badges.map((b) => b.name).join(', ')}</p>
        </div>
        <div className="stat">
          <dt>To a wallet</dt>
          <dd data-testid="preview-to-wallet">{s.toWallet}</dd>
          <p className="stat__note">Minted to the person’s profile wallet</p>
        </div>
        <div className="stat">
          <dt>To the vault</dt>
          <dd data-testid="preview-to-vault">{s.toVault}</dd>
          <p className="stat__note">No wallet on file: held until they claim</p>
        </div>
        <div className="stat">
          <dt>Database only</dt>
          <dd data-testid="preview-database-only">{s.databaseOnly}</dd>
          <p className="stat__note">No chain, no email</p>
        </div>
      </dl>
      <p className={s.rejected > 0 ? 'preview__warn' : 'muted'} data-testid="preview-row-counts">
        {s.rows} roster {s.rows === 1 ? 'row' : 'rows'}: {s.accepted} accepted, {s.rejected} rejected
        {s.rejected > 0 && ` (${rejectionBreakdown(s, alreadyHeldRows)})`}
        {s.held > 0 && `; ${plural(s.held, 'row')} held until the owner verifies their email address`}
        {skippedBadges > 0 && `; ${plural(skippedBadges, 'badge')} skipped because the person already has it`}
        .
      </p>
      <CostSummary preview={preview} />

      {rejected.length > 0 && (
        <details className="preview__rows" open>
          <summary>Rejected rows ({rejected.length})</summary>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Input</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {rejected.slice(0, ROWS_SHOWN).map((row) => (
                  <tr key={`${row.line}-${row.input}`}>
                    <td data-label="Row">{source(row)}</td>
                    <td data-label="Input">
                      <code>{row.input}</code>
                    </td>
                    <td data-label="Why">{row.reason ? rejectReasonText[row.reason] : 'Rejected'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {rejected.length > ROWS_SHOWN && <p className="muted">Showing the first {ROWS_SHOWN}.</p>}
        </details>
      )}
      {accepted.length > 0 && (
        <details className="preview__rows" open={accepted.length <= 20}>
          <summary>Recipients ({accepted.length})</summary>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">User</th>
                  <th scope="col">Gets</th>
                </tr>
              </thead>
              <tbody>
                {accepted.slice(0, ROWS_SHOWN).map((row) => (
                  <tr key={`${row.line}-${row.input}`}>
                    <td data-label="Row">{source(row)}</td>
                    <td data-label="User">{row.user?.email ?? row.input}</td>
                    <td data-label="Gets">
                      <ul className="plain">
                        {row.badges.map((b) => (
                          <li key={b.badgeId}>
                            {badgeName.get(b.badgeId) ?? 'Badge'} →{' '}
                            {b.status === 'already_issued' ? (
                              <span className="muted">already has it</span>
                            ) : (
                              <strong>{destinationText(b.destination, row.user?.walletAddress)}</strong>
                            )}
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {accepted.length > ROWS_SHOWN && <p className="muted">Showing the first {ROWS_SHOWN}.</p>}
        </details>
      )}
    </div>
  );
}
