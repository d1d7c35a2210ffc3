import { Link, Navigate, useLocation } from 'react-router-dom';
import { LoadingNotice } from '../layout/loading-notice.tsx';
import { useDocumentTitle } from '../layout/use-document-title.ts';
import { useAuth } from './auth-context.tsx';
import { CredentialsForm } from './credentials-form.tsx';
import { redirectTarget } from './redirect-target.ts';

export function LoginPage() {
  useDocumentTitle('Log in');
  const { state, login } = useAuth();
  // Where the person was headed before being sent here; passed on if they switch pages.
  const from: unknown = useLocation().state;

  if (state.status === 'signed-in') return <Navigate to={redirectTarget(from, state.user.role)} replace />;
  if (state.status === 'loading') return <LoadingNotice label="Checking your session…" fullPage />;

  return (
    <main className="page page--narrow">
      <section className="card auth-card" aria-labelledby="login-title">
        <h1 id="login-title">Log in</h1>
        <p className="muted">Use the email and password of your Insignia account.</p>
        {state.status === 'signed-out' && state.expired && (
          <div className="notice notice--info" role="status">
            Your session has ended. Please log in again.
          </div>
        )}
        <CredentialsForm mode="login" submitLabel="Log in" busyLabel="Logging in…" onSubmit={login} />
        <p className="auth-card__switch">
          No account yet?{' '}
          <Link to="/register" state={from}>
            Create one
          </Link>
        </p>
      </section>
    </main>
  );
}
