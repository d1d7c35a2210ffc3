import { lazy, Suspense } from 'react';
import { AppErrorBoundary } from '../layout/app-error-boundary.tsx';
import { LoadingNotice } from '../layout/loading-notice.tsx';

// Only admins need the console: its code and styles load when one opens it.
const AdminConsole = lazy(() => import('./admin-console.tsx').then((m) => ({ default: m.AdminConsole })));

/** The admin console, loaded on first use; a failed load (e.g. after a deploy) offers a reload. */
export function LazyAdminConsole() {
  return (
    <AppErrorBoundary fullPage>
      <Suspense fallback={<LoadingNotice label="Loading the admin console…" fullPage />}>
        <AdminConsole />
      </Suspense>
    </AppErrorBoundary>
  );
}
