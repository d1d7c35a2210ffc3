import { lazy, Suspense } from 'react';
import { AppErrorBoundary } from '../../layout/app-error-boundary.tsx';

// The chart library is the heaviest thing on the dashboard: it loads after the counts show.
const DashboardCharts = lazy(() => import('./dashboard-charts.tsx'));

function ChartsPlaceholder() {
  return (
    <div className="dash-charts__placeholder" role="status" aria-label="Loading the charts…">
      {Array.from({ length: 2 }, (_, i) => (
        <span key={i} className="skeleton dash-charts__placeholder-card" aria-hidden="true" />
      ))}
    </div>
  );
}

/** The dashboard's charts, loaded on demand as a chunk of their own. */
export function LazyDashboardCharts() {
  return (
    <AppErrorBoundary>
      <Suspense fallback={<ChartsPlaceholder />}>
        <DashboardCharts />
      </Suspense>
    </AppErrorBoundary>
  );
}
