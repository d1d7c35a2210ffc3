import { AppError } from '../errors/app-error.ts';

/**
 * The one row a statement must have produced (an INSERT … RETURNING, a row read under the
 * lock that found it a moment ago). Its absence is a bug on our side, not the caller's.
 */
export function expectRow<T>(rows: readonly T[], what: string): T {
  const [row] = rows;
  if (row === undefined) throw new AppError('INTERNAL', undefined, { message: `Expected a ${what} row.` });
  return row;
}
