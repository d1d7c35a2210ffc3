import type { BadgeNotifications, UnclaimedBadges, UserBadge } from '@insignia/contract';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { describeError } from '../../api/api-error.ts';
import type { ApiClient } from '../../api/client.ts';
import { useLiveEvent } from '../../live/live-context.tsx';
import { badgesApi } from './badges-api.ts';

export interface BadgesData {
  badges: UserBadge[];
  unclaimed: UnclaimedBadges;
  notifications: BadgeNotifications;
}

export type BadgesState =
  { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; data: BadgesData };

/**
 * The person's badges, vault badges and notifications, loaded together and kept current: a
 * `badge:*` or `claim:*` live event (or a reconnect) reloads them in the background.
 */
export function useBadges(api: ApiClient) {
  const calls = useMemo(() => badgesApi(api), [api]);
  const [state, setState] = useState<BadgesState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    const controller = new AbortController();
    const id = ++latest.current;
    const { signal } = controller;
    Promise.all([calls.list(signal), calls.unclaimed(signal), calls.notifications(signal)]).then(
      ([badges, unclaimed, notifications]) => {
        if (id === latest.current)
          setState({ status: 'ready', data: { badges: badges.items, unclaimed, notifications } });
      },
      (error: unknown) => {
        if (signal.aborted || id !== latest.current) return;
        setState((previous) =>
          previous.status === 'ready' ? previous : { status: 'error', message: describeError(error) },
        );
      },
    );
    return () => controller.abort();
  }, [calls, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  useLiveEvent((message) => {
    if (message.event === 'ready' || /^(badge|claim):/.test(message.event)) reload();
  });

  return { state, reload, retry, calls };
}

export type Badges = ReturnType<typeof useBadges>;
