import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { ErrorNotice } from '../layout/error-notice.tsx';
import { PageSkeleton } from '../layout/loading-notice.tsx';
import { AdminsOnlyPage } from '../admin/admins-only-page.tsx';
import { useAuth } from './auth-context.tsx';
import type { LoginRedirectState } from './redirect-target.ts';

/** Renders children for a signed-in person; otherwise sends them to /login. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state, retry } = useAuth();
  const location = useLocation();

  switch (state.status) {
    case 'loading':
      return <PageSkeleton label="Checking your session…" />;
    case 'unavailable':
      return (
        <main className="page page--narrow">
          <ErrorNotice title="Insignia is not reachable right now" message={state.message} onRetry={retry} />
        </main>
      );
    case 'signed-out': {
      // After "Log out" the next login starts afresh, at the person's own start page.
      if (state.loggedOut) return <Navigate to="/login" replace />;
      const redirect: LoginRedirectState = { from: location.pathname + location.search };
      return <Navigate to="/login" replace state={redirect} />;
    }
    case 'signed-in':
      return children;
  }
}

/** Renders children for an admin; a signed-in non-admin sees why they cannot. */
export function RequireAdmin({ children }: { children: ReactNode }) {
  const { state } = useAuth();
  if (state.status !== 'signed-in') return null; // RequireAuth wraps this route
  if (state.user.role !== 'admin') return <AdminsOnlyPage />;
  return children;
}
