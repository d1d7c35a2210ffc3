import type { AdminDashboard } from '@insignia/contract';
import { createContext, useCallback, useContext, useMemo, useRef, type ReactNode } from 'react';
import { useAuth } from '../auth/auth-context.tsx';
import { useLiveEvent } from '../live/live-context.tsx';
import { createAdminApi, type AdminApi } from './api/admin-api.ts';
import { useResource, type Resource } from './common/use-resource.ts';

interface AdminConsoleContext {
  api: AdminApi;
  /** The dashboard counts, shared by the dashboard page and the navigation's counters. */
  dashboard: Resource<AdminDashboard> & { reload: () => void };
}

const refreshingEvents = new Set(['claim:requested', 'issuance:progress', 'ready']);

const Context = createContext<AdminConsoleContext | null>(null);

/** Holds the admin API client and the dashboard counts for every console page. */
export function AdminConsoleProvider({ children }: { children: ReactNode }) {
  const { api: client } = useAuth();
  const api = useMemo(() => createAdminApi(client), [client]);
  const load = useCallback((signal: AbortSignal) => api.dashboard(signal), [api]);
  const dashboard = useResource(load);
  const { reload } = dashboard;
  // Admin events change the counts: refresh them, at most every few seconds.
  const lastRefresh = useRef(0);
  const connectedBefore = useRef(false);
  useLiveEvent((message) => {
    if (!refreshingEvents.has(message.event)) return;
    // `ready` after a reconnect means events may have been missed; the first one means nothing.
    if (message.event === 'ready' && !connectedBefore.current) {
      connectedBefore.current = true;
      return;
    }
    const now = Date.now();
    if (now - lastRefresh.current < 3_000) return;
    lastRefresh.current = now;
    reload();
  });
  return <Context.Provider value={{ api, dashboard }}>{children}</Context.Provider>;
}

function useAdminConsole(): AdminConsoleContext {
  const value = useContext(Context);
  if (!value) throw new Error('admin pages need <AdminConsoleProvider> above them');
  return value;
}

/** The typed admin API. */
export function useAdminApi(): AdminApi {
  return useAdminConsole().api;
}

/** The dashboard counts; `reload()` after an action that changes them. */
export function useAdminDashboard() {
  return useAdminConsole().dashboard;
}
