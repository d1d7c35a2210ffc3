import { adminDashboardChartsSchema, type AdminDashboardCharts } from '@insignia/contract';
import { queryKeys } from '../../api/query-keys.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { useResource } from '../common/use-resource.ts';

/** Periods the dashboard offers, in days. */
export const CHART_PERIODS = [7, 30, 90] as const;
export type ChartPeriod = (typeof CHART_PERIODS)[number];

/**
 * The dashboard's chart series for the last `days` days. Its key starts with the dashboard's,
 * so whatever refreshes the dashboard (Refresh, live events) refreshes the charts too.
 */
export function useDashboardCharts(days: ChartPeriod) {
  const { api } = useAuth();
  return useResource<AdminDashboardCharts>([...queryKeys.admin.dashboard, 'charts', days], (signal) =>
    api.send('GET', `/api/admin/dashboard/charts?days=${days}`, adminDashboardChartsSchema, { signal }),
  );
}
