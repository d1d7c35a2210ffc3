import { z } from 'zod';
import { MAX_ROSTER_ROWS, type IssuanceRecipients } from '@insignia/contract';
import { AppError } from '../errors/app-error.ts';

/** One roster row as written: an email, an id (Insignia's or the platform's), or neither. */
export type RosterEntry = Readonly<{
  /** 1-based: the CSV line number, or the position in `userIds` then `emails`. */
  line: number;
  input: string;
  kind: 'email' | 'id' | 'invalid';
  /** Emails lowercased; ids as written. */
  value: string;
}>;

const emailSchema = z.email().max(254);
const idPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const headerNames = /^(e-?mail|email_?address|mail|user_?id|userid|id|external_?id|uid)$/i;

/** Classifies one cell: an email by its `@`, otherwise an id if it looks like one. */
export function classifyRosterValue(raw: string): Pick<RosterEntry, 'kind' | 'value'> {
  const value = raw.trim();
  if (value.includes('@')) {
    const email = value.toLowerCase();
    return emailSchema.safeParse(email).success
      ? { kind: 'email', value: email }
      : { kind: 'invalid', value };
  }
  return idPattern.test(value) ? { kind: 'id', value } : { kind: 'invalid', value };
}

/** Splits one CSV line on `delimiter`, honouring double quotes (`""` is a quote inside one). */
function splitCsvLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (c === delimiter) {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  cells.push(cell.trim());
  return cells;
}

/**
 * Reads a CSV roster: one column of emails or ids, or several columns of which the one under a
 * header like `email` or `user_id` (else the first that holds an email) is used. Comma,
 * semicolon or tab separated. Blank lines are skipped; line numbers are the file's.
 */
export function parseRosterCsv(text: string): RosterEntry[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const firstIndex = lines.findIndex((l) => l.trim() !== '');
  if (firstIndex < 0) return [];
  const first = lines[firstIndex]!;
  const delimiter = [',', ';', '\t'].find((d) => first.includes(d)) ?? ',';
  const firstCells = splitCsvLine(first, delimiter);
  const headerColumn = firstCells.findIndex((c) => headerNames.test(c));
  const hasHeader = headerColumn >= 0;
  const column = hasHeader
    ? headerColumn
    : Math.max(
        0,
        firstCells.findIndex((c) => c.includes('@')),
      );
  const entries: RosterEntry[] = [];
  for (let i = hasHeader ? firstIndex + 1 : firstIndex; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    if (entries.length >= MAX_ROSTER_ROWS) throw new AppError('BADGE__ROSTER_TOO_LARGE');
    const input = splitCsvLine(line, delimiter)[column] ?? '';
    entries.push({ line: i + 1, input, ...classifyRosterValue(input) });
  }
  return entries;
}

/** Every roster row of a request, in order: `userIds`, then `emails`, then the CSV. */
export function parseRoster(recipients: IssuanceRecipients): RosterEntry[] {
  const listed = [
    ...(recipients.userIds ?? []).map((input) => ({ input, ...classifyRosterValue(input) })),
    ...(recipients.emails ?? []).map((input) => {
      const parsed = classifyRosterValue(input);
      return { input, ...(parsed.kind === 'email' ? parsed : { kind: 'invalid' as const, value: input }) };
    }),
  ].map((e, i) => ({ ...e, line: i + 1 }));
  const csv = recipients.csv?.trim() ? parseRosterCsv(recipients.csv) : [];
  if (listed.length + csv.length > MAX_ROSTER_ROWS) throw new AppError('BADGE__ROSTER_TOO_LARGE');
  return [...listed, ...csv];
}
