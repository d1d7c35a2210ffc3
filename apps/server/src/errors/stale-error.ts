import type { StatefulEntity } from '@insignia/contract';
import { AppError } from './app-error.ts';

/**
 * Another worker or request moved the row(s) between our read and our write: the caller
 * re-reads and decides again; a caller over HTTP gets a 409, never a 500.
 */
export function staleError(entity: StatefulEntity, ids: readonly string[]): AppError<'STATE__STALE'> {
  return new AppError('STATE__STALE', { entity, ids: ids.slice(0, 20) });
}
