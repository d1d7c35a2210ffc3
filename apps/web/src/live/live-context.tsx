import type { LiveMessage } from '@insignia/contract';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { tokenStore } from '../api/token-store.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { createLiveClient, type LiveConnectionStatus } from './live-client.ts';
import { createLiveInvalidation } from './live-invalidation.ts';

type Listener = (message: LiveMessage) => void;

interface Live {
  status: LiveConnectionStatus;
  subscribe: (listener: Listener) => () => void;
}

const LiveContext = createContext<Live | null>(null);

/**
 * Keeps one WebSocket to `/api/ws` open while mounted. Each message marks the queries it makes
 * stale (shown ones refetch), then goes to every {@link useLiveEvent} below. Mount it under a
 * signed-in page.
 */
export function LiveProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<LiveConnectionStatus>('connecting');
  const [listeners] = useState(() => new Set<Listener>());

  const { api } = useAuth();
  const queryClient = useQueryClient();

  useEffect(() => {
    const invalidation = createLiveInvalidation(
      (queryKey, options) => void queryClient.invalidateQueries({ queryKey }, options),
    );
    const client = createLiveClient({
      getToken: tokenStore.get,
      // A refused socket may mean the session ended: the API call finds out, and its 401 signs
      // the person out (which unmounts this) instead of retrying with a dead token forever.
      onConnectFailed: () => void api.getMe().catch(() => undefined),
      onMessage: (message) => {
        invalidation.handle(message);
        listeners.forEach((listener) => listener(message));
      },
      onStatus: setStatus,
    });
    client.start();
    return () => {
      client.stop();
      invalidation.stop();
    };
  }, [listeners, api, queryClient]);

  const subscribe = useMemo(() => subscribeWith(listeners), [listeners]);
  const live = useMemo<Live>(() => ({ status, subscribe }), [status, subscribe]);
  return <LiveContext.Provider value={live}>{children}</LiveContext.Provider>;
}

function subscribeWith(listeners: Set<Listener>) {
  return (listener: Listener) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
}

function useLive(): Live {
  const live = useContext(LiveContext);
  if (!live) throw new Error('live updates need a <LiveProvider> above');
  return live;
}

/**
 * Calls `onMessage` for every live message while mounted (the latest `onMessage` is used, so
 * it may close over fresh state). `ready` arrives after every (re)connect. For data shown from
 * a query, prefer the invalidation in `live-query-keys.ts`; this is for flows that follow one
 * thing step by step.
 */
export function useLiveEvent(onMessage: (message: LiveMessage) => void): void {
  const { subscribe } = useLive();
  const latest = useRef(onMessage);
  useEffect(() => {
    latest.current = onMessage;
  });
  useEffect(() => subscribe((message) => latest.current(message)), [subscribe]);
}

/** Whether live updates are flowing right now. */
export function useLiveStatus(): LiveConnectionStatus {
  return useLive().status;
}
