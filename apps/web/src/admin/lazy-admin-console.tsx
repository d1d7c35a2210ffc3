import { lazy, Suspense } from 'react';
import { LoadingNotice } from '../layout/loading-notice.tsx';

// Only admins need the console: its code and styles load when one opens it.
const AdminConsole = lazy(() => import('./admin-console.tsx').then((m) => ({ default: m.AdminConsole })));

/** The admin console, loaded on first use. */
export function LazyAdminConsole() {
  return (
    <Suspense fallback={<LoadingNotice label="Loading the admin console…" fullPage />}>
      <AdminConsole />
    </Suspense>
  );
}
