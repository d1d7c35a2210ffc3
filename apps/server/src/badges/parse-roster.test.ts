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
