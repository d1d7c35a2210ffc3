import { keepPreviousData, useQuery, type QueryKey } from '@tanstack/react-query';
import { useCallback } from 'react';
import { describeError, isApiError } from '../../api/api-error.ts';

/** Loads something; gets the query's signal, so leaving the page cancels the request. */
export type Loader<T> = (signal: AbortSignal) => Promise<T>;

export type Resource<T> =
  | { status: 'loading'; data: T | undefined }
  | { status: 'error'; data: T | undefined; message: string; notAvailable: boolean }
  | { status: 'ready'; data: T };

export interface ResourceOptions<T> {
  /** False until the inputs are complete (default true). */
  enabled?: boolean;
  /** Re-read this often (ms) while the page is visible, given the last data; false to stop. */
  pollMs?: (data: T | undefined) => number | false;
}

/**
 * True when the server has no such route (yet): an unknown API path answers `NOT_FOUND`,
 * while a missing record has its own code (`USER__NOT_FOUND`, ...).
 */
export function isNotAvailable(error: unknown): boolean {
  return isApiError(error, 'NOT_FOUND') && error.status === 404;
}

/**
 * `load` as a TanStack query under `key` (which must name every input of `load`). While a new
 * key or a refresh is loading, the last good data stays available (`data`), so paging or a
 * refresh does not blank the page; `reload()` reads again now.
 */
export function useResource<T>(
  key: QueryKey,
  load: Loader<T>,
  options: ResourceOptions<T> = {},
): Resource<T> & { reload: () => void } {
  const { pollMs } = options;
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => load(signal),
    placeholderData: keepPreviousData,
    // Forms live inside these views: a refetch on coming back to the tab that failed would
    // swap a half-filled form for an error notice. Admin data refreshes by live event or poll.
    refetchOnWindowFocus: false,
    enabled: options.enabled ?? true,
    refetchInterval: pollMs ? (q) => pollMs(q.state.data) : false,
  });
  const { refetch } = query;
  const reload = useCallback(() => void refetch(), [refetch]);

  if (query.isFetching) return { status: 'loading', data: query.data, reload };
  if (query.isError) {
    const { error } = query;
    return {
      status: 'error',
      data: query.data,
      message: describeError(error),
      notAvailable: isNotAvailable(error),
      reload,
    };
  }
  if (query.data === undefined) return { status: 'loading', data: undefined, reload };
  return { status: 'ready', data: query.data, reload };
}
