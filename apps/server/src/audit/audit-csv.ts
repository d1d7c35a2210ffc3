import type { AuditEntry } from '@insignia/contract';

/** The CSV columns, in order: a header row names them. */
const columns: Array<[header: string, cell: (e: AuditEntry) => string | number | null]> = [
  ['time', (e) => e.at],
  ['category', (e) => e.category],
  ['action', (e) => e.action],
  ['summary', (e) => e.summary],
  ['actor', (e) => e.actor.email ?? (e.actor.kind === 'system' ? 'system' : e.actor.id)],
  ['actor_kind', (e) => e.actor.kind],
  ['person', (e) => e.person?.email ?? e.person?.id ?? null],
  ['badge', (e) => e.badge?.name ?? e.badge?.id ?? null],
  ['level', (e) => e.level?.level ?? null],
  ['outcome', (e) => e.outcome],
  ['tx_signature', (e) => e.txSignature],
  ['error', (e) => e.error],
  ['details', (e) => (e.details === null || e.details === undefined ? null : JSON.stringify(e.details))],
];

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled.
 * A cell a spreadsheet would run as a formula (= + - @, tab or carriage return first) gets a
 * leading `'`, so an email or badge name chosen by a user cannot become one in the admin's sheet.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const auditCsvHeader = `${columns.map(([h]) => h).join(',')}\r\n`;

export function auditCsvRow(entry: AuditEntry): string {
  return `${columns.map(([, cell]) => csvCell(cell(entry))).join(',')}\r\n`;
}
