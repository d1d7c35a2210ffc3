import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors/app-error.ts';
import { parseRoster, parseRosterCsv } from './parse-roster.ts';

const simplify = (entries: ReturnType<typeof parseRosterCsv>) =>
  entries.map((e) => [e.line, e.kind, e.value]);

describe('roster parsing', () => {
  it('reads a single column of emails without a header, skipping blank lines and keeping line numbers', () => {
    expect(simplify(parseRosterCsv('Ann@Example.com\n\n  bob@example.com  \r\nnot-an-email@\n'))).toEqual([
      [1, 'email', 'ann@example.com'],
      [3, 'email', 'bob@example.com'],
      [4, 'invalid', 'not-an-email@'],
    ]);
  });

  it('marks a column of emails, so a value there without @ can be told apart from an id', () => {
    const flags = (csv: string) => parseRosterCsv(csv).map((e) => [e.input, e.kind, e.emailColumn ?? false]);
    expect(flags('ann@example.com\nnot-an-email')).toEqual([
      ['ann@example.com', 'email', true],
      ['not-an-email', 'id', true],
    ]);
    expect(flags('Email\nnot-an-email')).toEqual([['not-an-email', 'id', true]]);
    expect(flags('user_id\nnot-an-email')).toEqual([['not-an-email', 'id', false]]);
    expect(flags('ext-1\next-2')).toEqual([
      ['ext-1', 'id', false],
      ['ext-2', 'id', false],
    ]);
  });

  it('uses the column under a known header, with quotes, semicolons or tabs', () => {
    const csv =
      'name;user_id;note\n"Smith; Ann";7d2f3b9c-1111-4222-8333-944455566677;x\nBob;ext-42;"said ""hi"""';
    expect(simplify(parseRosterCsv(csv))).toEqual([
      [2, 'id', '7d2f3b9c-1111-4222-8333-944455566677'],
      [3, 'id', 'ext-42'],
    ]);
    expect(simplify(parseRosterCsv('Email\tName\nann@example.com\tAnn'))).toEqual([
      [2, 'email', 'ann@example.com'],
    ]);
  });

  it('without a header, picks the column holding emails', () => {
    expect(simplify(parseRosterCsv('Ann,ann@example.com\nBob,bob@example.com'))).toEqual([
      [1, 'email', 'ann@example.com'],
      [2, 'email', 'bob@example.com'],
    ]);
  });

  it('lists ids, then emails, then the CSV; an id in the email list is invalid', () => {
    const entries = parseRoster({ userIds: ['u-1'], emails: ['a@b.co', 'u-2'], csv: 'c@d.co' });
    expect(entries.map((e) => [e.line, e.kind, e.input])).toEqual([
      [1, 'id', 'u-1'],
      [2, 'email', 'a@b.co'],
      [3, 'invalid', 'u-2'],
      [1, 'email', 'c@d.co'],
    ]);
  });

  it('reads quoted cells holding the delimiter, doubled quotes and line breaks, numbering a record by its first line', () => {
    const csv = [
      'name,email,note',
      '"Smith, Ann",ann@example.com,"she said ""hi"""',
      '"Bob',
      'on two lines",bob@example.com,"a note',
      'over, two lines"',
      'Cy,"  cy@example.com  ",plain',
    ].join('\n');
    expect(simplify(parseRosterCsv(csv))).toEqual([
      [2, 'email', 'ann@example.com'],
      [3, 'email', 'bob@example.com'],
      [6, 'email', 'cy@example.com'],
    ]);
    const entries = parseRosterCsv('email,note\n"x@example.com","line one\r\nline two"\ny@example.com,z');
    expect(entries.map((e) => [e.line, e.input])).toEqual([
      [2, 'x@example.com'],
      [4, 'y@example.com'],
    ]);
  });

  it('ignores a byte order mark and reads CRLF, CR and LF line breaks alike', () => {
    const expected = [
      [2, 'email', 'ann@example.com'],
      [4, 'id', 'ext-7'],
    ];
    for (const lineBreak of ['\r\n', '\r', '\n']) {
      const csv = ['\uFEFFEmail', 'Ann@Example.com', '', 'ext-7', ''].join(lineBreak);
      expect(simplify(parseRosterCsv(csv))).toEqual(expected);
    }
    expect(simplify(parseRosterCsv('\uFEFF"user_id";"name"\r\n"u-1";"Ann"\r\n'))).toEqual([[2, 'id', 'u-1']]);
  });

  it('keeps rows it cannot use as invalid, and reads nothing from an empty roster', () => {
    expect(simplify(parseRosterCsv('a@b.co,x\n,,\nname with spaces,y'))).toEqual([
      [1, 'email', 'a@b.co'],
      [2, 'invalid', ''],
      [3, 'invalid', 'name with spaces'],
    ]);
    expect(parseRosterCsv('')).toEqual([]);
    expect(parseRosterCsv(' \n\r\n\t\n')).toEqual([]);
    expect(parseRoster({ csv: '   ' })).toEqual([]);
  });

  it('refuses a CSV whose quote never closes, naming the line', () => {
    let error: unknown;
    try {
      parseRosterCsv('email\na@b.co\n"c@d.co\ne@f.co');
    } catch (e) {
      error = e;
    }
    expect(isAppError(error, 'VALIDATION__INVALID_BODY')).toBe(true);
    expect((error as Error).message).toMatch(/roster CSV cannot be read at line \d/);
  });

  it('refuses rosters over the row limit', () => {
    const tooLarge = (run: () => unknown) => {
      try {
        run();
      } catch (e) {
        return isAppError(e, 'BADGE__ROSTER_TOO_LARGE');
      }
      return false;
    };
    expect(tooLarge(() => parseRosterCsv('a@b.co\n'.repeat(20_001)))).toBe(true);
    expect(
      tooLarge(() => parseRoster({ emails: Array(10_001).fill('a@b.co'), csv: 'c@d.co\n'.repeat(10_000) })),
    ).toBe(true);
    expect(parseRosterCsv('a@b.co\n'.repeat(20_000))).toHaveLength(20_000);
  });
});
