import type { NftStatus } from '@insignia/contract';
import { useCallback, useEffect, useRef, useState } from 'react';
import { describeError } from '../api/api-error.ts';
import type { ApiClient } from '../api/client.ts';

export type NftStatusState =
  { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; data: NftStatus };

/**
 * `GET /api/nft/status`, loaded on mount. `reload()` refreshes in the background: the page
 * keeps showing the last status meanwhile, and a failed background refresh keeps it too.
 */
export function useNftStatus(api: ApiClient) {
  const [state, setState] = useState<NftStatusState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    const controller = new AbortController();
    const id = ++latest.current;
    api.getNftStatus(controller.signal).then(
      (data) => {
        if (id === latest.current) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (controller.signal.aborted || id !== latest.current) return;
        setState((previous) =>
          previous.status === 'ready' ? previous : { status: 'error', message: describeError(error) },
        );
      },
    );
    return () => controller.abort();
  }, [api, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);
  return { state, reload, retry };
}
