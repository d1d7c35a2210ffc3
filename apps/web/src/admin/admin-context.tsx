import type { AdminDashboard } from '@insignia/contract';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { queryKeys } from '../api/query-keys.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { createAdminApi, type AdminApi } from './api/admin-api.ts';
import { useResource, type Resource } from './common/use-resource.ts';

interface AdminConsoleContext {
  api: AdminApi;
  /** The dashboard counts, shared by the dashboard page and the navigation's counters. */
  dashboard: Resource<AdminDashboard> & { reload: () => void };
}

const Context = createContext<AdminConsoleContext | null>(null);

/**
 * Holds the admin API client and the dashboard counts for every console page. Admin live
 * events (`claim:requested`, `issuance:progress`) refresh the counts through their query,
 * at most every few seconds (live-invalidation.ts).
 */
export function AdminConsoleProvider({ children }: { children: ReactNode }) {
  const { api: client } = useAuth();
  const api = useMemo(() => createAdminApi(client), [client]);
  const dashboard = useResource(queryKeys.admin.dashboard, (signal) => api.dashboard(signal));
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
