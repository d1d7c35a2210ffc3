import type { Logger } from 'pino';
import { isAppError } from '../errors/app-error.ts';
import { retryDelayMs, type BackoffPolicy } from './backoff.ts';

/** What a state-machine row needs for a worker to drive it. */
type DrivenRow = { id: string; status: string; updatedAt: Date; attempts: number };

/**
 * Drives one leased row through up to `maxSteps` state-machine steps while `inProgress` says
 * it still needs the worker, then gives the lease back: due again after a backoff when it is
 * still in progress or a step failed, as soon as possible when another holder moved it first.
 */
export async function driveLeasedRow<R extends DrivenRow>(
  leased: R,
  options: {
    inProgress: (row: R) => boolean;
    advance: (row: R) => Promise<R>;
    maxSteps: number;
    retry: BackoffPolicy;
    release: (row: R, retryInMs: number | undefined) => Promise<void>;
    /** Names the work in the log, e.g. `nft request`. */
    name: string;
    logger: Logger;
    /** Logged with a failed step, e.g. `{ requestId: row.id }`. */
    describe: (row: R) => Record<string, unknown>;
  },
): Promise<R> {
  let row = leased;
  let retryInMs: number | undefined;
  try {
    for (let step = 0; step < options.maxSteps && options.inProgress(row); step++) {
      const next = await options.advance(row);
      // Nothing moved (waiting on the chain): the next pass, after a backoff.
      if (next.status === row.status && next.updatedAt.getTime() === row.updatedAt.getTime()) break;
      row = next;
    }
    if (options.inProgress(row)) retryInMs = retryDelayMs(row.attempts, options.retry);
  } catch (err) {
    // Stale: someone else moved the row; it is theirs to drive, not a failure.
    if (!isAppError(err, 'STATE__STALE')) {
      options.logger.error(
        { err, ...options.describe(row), status: row.status },
        `${options.name} step failed; will retry`,
      );
      retryInMs = retryDelayMs(row.attempts + 1, options.retry);
    }
  } finally {
    await options.release(row, retryInMs);
  }
  return row;
}
