import { Navigate } from 'react-router-dom';
import { LoadingNotice } from '../layout/loading-notice.tsx';
import { useAuth } from './auth-context.tsx';
import { homeFor } from './redirect-target.ts';

/**
 * `/`: a signed-in person goes to their start page, anyone else to the login (with no page to
 * return to, so they land on their own start page after it).
 */
export function HomeRedirect() {
  const { state } = useAuth();
  switch (state.status) {
    case 'loading':
      return <LoadingNotice label="Checking your session…" fullPage />;
    case 'signed-in':
      return <Navigate to={homeFor(state.user.role)} replace />;
    case 'signed-out':
      return <Navigate to="/login" replace />;
    case 'unavailable':
      // The Personal Center's guard says the server cannot be reached, with a retry.
      return <Navigate to="/app" replace />;
  }
}
