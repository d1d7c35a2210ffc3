import type { AuditEntry } from '@insignia/contract';
import { formatDateTime } from '../common/format.ts';
import { categoryLabels } from './audit-filters.ts';

/** The pill tone of each kind of entry: sign-ins and account changes stand apart from the rest. */
const tones: Partial<Record<AuditEntry['category'], string>> = {
  sign_in: 'pill--busy',
  account: 'pill--busy',
  compensation: 'pill--warn',
  reconciliation: 'pill--warn',
};

/** One audit entry: the sentence first, then when, what kind, how it ended, and the JSON on demand. */
export function AuditEntryItem({ entry }: { entry: AuditEntry }) {
  const failed = entry.outcome === 'error';
  return (
    <li className={`audit-entry${failed ? ' audit-entry--failed' : ''}`}>
      <p className="audit-entry__summary">{entry.summary}</p>
      <div className="audit-entry__meta">
        <time dateTime={entry.at} title={new Date(entry.at).toISOString()}>
          {formatDateTime(entry.at)}
        </time>
        <span className={`pill ${tones[entry.category] ?? ''}`}>{categoryLabels[entry.category]}</span>
        {failed && <span className="pill pill--bad">Failed</span>}
        {entry.outcome === 'pending' && <span className="pill pill--warn">In progress</span>}
        {entry.actor.kind === 'system' && <span className="muted">by the system</span>}
      </div>
      {entry.error && !entry.summary.includes(entry.error) && <p className="cell-error">{entry.error}</p>}
      <details className="json">
        <summary>Details (JSON)</summary>
        <pre>{JSON.stringify(detailsOf(entry), null, 2)}</pre>
      </details>
    </li>
  );
}

/**
 * Everything the entry holds except the sentence already shown: the recorded details first (the
 * part worth opening it for), then the ids; empty fields left out.
 */
function detailsOf(entry: AuditEntry) {
  const { summary: _summary, details, action, ...rest } = entry;
  const ordered = { action, details, ...rest };
  return Object.fromEntries(Object.entries(ordered).filter(([, v]) => v !== null && v !== undefined));
}
