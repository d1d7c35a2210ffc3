import { CsvError, parse as parseCsv } from 'csv-parse/sync';
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
  /**
   * True where the roster asks for emails (an `email` header, or a column chosen for holding
   * emails): a value there without `@` that names no user by id is an invalid email address,
   * not an unknown person.
   */
  emailColumn?: boolean;
}>;

const emailSchema = z.email().max(254);
const idPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const headerNames = /^(e-?mail|email_?address|mail|user_?id|userid|id|external_?id|uid)$/i;
const emailHeader = /^(e-?mail|email_?address|mail)$/i;

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

/** A CSV record and the line it starts on. */
type CsvRow = { cells: string[]; line: number; blank: boolean };

/**
 * The records of `text` (line breaks already `\n`), split on `delimiter` by csv-parse: double
 * quotes may hold the delimiter, `""` and line breaks. Cells are trimmed.
 */
function readCsvRows(text: string, delimiter: string): CsvRow[] {
  let records: ReadonlyArray<{ record: string[]; info: { lines: number }; raw: string }>;
  try {
    // With `info` and `raw` each record comes as { record, info, raw }; csv-parse's types do not say so.
    records = parseCsv(text, {
      delimiter,
      record_delimiter: '\n',
      relax_quotes: true,
      relax_column_count: true,
      trim: true,
      info: true,
      raw: true,
    }) as unknown as typeof records;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = error.lines;
    throw new AppError(
      'VALIDATION__INVALID_BODY',
      { field: 'recipients.csv' },
      {
        message: `The roster CSV cannot be read${typeof line === 'number' ? ` at line ${line}` : ''}: ${error.message}`,
        cause: error,
      },
    );
  }
  return records.map(({ record, info, raw }) => {
    // csv-parse counts to the record's last line; a quoted line break makes it start earlier.
    const breaksInside = raw.replace(/\n$/, '').split('\n').length - 1;
    return { cells: record, line: info.lines - breaksInside, blank: raw.trim() === '' };
  });
}

/**
 * Reads a CSV roster: one column of emails or ids, or several columns of which the one under a
 * header like `email` or `user_id` (else the first that holds an email) is used. Comma,
 * semicolon or tab separated (whichever the first line has outside quotes), double quotes as in RFC 4180, a
 * byte order mark and CRLF line breaks allowed. Blank lines are skipped; line numbers are the
 * file's, a record spanning lines numbered by its first.
 */
export function parseRosterCsv(text: string): RosterEntry[] {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const first = normalized.split('\n').find((l) => l.trim() !== '');
  if (first === undefined) return [];
  const unquoted = first.replace(/"[^"]*"/g, '');
  const delimiter = [',', ';', '\t'].find((d) => unquoted.includes(d)) ?? ',';
  const rows = readCsvRows(normalized, delimiter).filter((row) => !row.blank);
  const firstCells = rows[0]?.cells ?? [];
  const headerColumn = firstCells.findIndex((c) => headerNames.test(c));
  const hasHeader = headerColumn >= 0;
  const column = hasHeader
    ? headerColumn
    : Math.max(
        0,
        firstCells.findIndex((c) => c.includes('@')),
      );
  const body = hasHeader ? rows.slice(1) : rows;
  if (body.length > MAX_ROSTER_ROWS) throw new AppError('BADGE__ROSTER_TOO_LARGE');
  const cellOf = (row: CsvRow) => (row.cells[column] ?? '').trim();
  const emailColumn = hasHeader
    ? emailHeader.test(firstCells[headerColumn] ?? '')
    : body.some((row) => cellOf(row).includes('@'));
  return body.map((row) => {
    const input = cellOf(row);
    return { line: row.line, input, ...classifyRosterValue(input), ...(emailColumn ? { emailColumn } : {}) };
  });
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
