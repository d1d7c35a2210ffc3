import { useCallback, useEffect, useState } from 'react';
import { describeError, isApiError } from '../../api/api-error.ts';

/** Loads something; the caller memoizes it (useCallback) so it changes only with its inputs. */
export type Loader<T> = (signal: AbortSignal) => Promise<T>;

export type Resource<T> =
  | { status: 'loading'; data: T | undefined }
  | { status: 'error'; data: T | undefined; message: string; notAvailable: boolean }
  | { status: 'ready'; data: T };

type Outcome<T> = { status: 'ready'; data: T } | { status: 'error'; message: string; notAvailable: boolean };

/**
 * True when the server has no such route (yet): an unknown API path answers `NOT_FOUND`,
 * while a missing record has its own code (`USER__NOT_FOUND`, ...).
 */
export function isNotAvailable(error: unknown): boolean {
  return isApiError(error, 'NOT_FOUND') && error.status === 404;
}

/**
 * Runs `load` now and whenever it changes, aborting the previous run. While a new run is under
 * way the last good data stays available (`data`), so a refresh does not blank the page.
 */
export function useResource<T>(load: Loader<T>): Resource<T> & { reload: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<{ load: Loader<T>; attempt: number; outcome: Outcome<T> } | null>(
    null,
  );
  const [lastData, setLastData] = useState<T | undefined>(undefined);

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (data) => {
        if (controller.signal.aborted) return;
        setLastData(() => data);
        setResult({ load, attempt, outcome: { status: 'ready', data } });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setResult({
          load,
          attempt,
          outcome: { status: 'error', message: describeError(error), notAvailable: isNotAvailable(error) },
        });
      },
    );
    return () => controller.abort();
  }, [load, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const current = result && result.load === load && result.attempt === attempt ? result.outcome : null;
  if (!current) return { status: 'loading', data: lastData, reload };
  if (current.status === 'ready') return { ...current, reload };
  return { ...current, data: lastData, reload };
}
