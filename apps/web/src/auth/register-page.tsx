import { Link, Navigate, useLocation } from 'react-router-dom';
import { LoadingNotice } from '../layout/loading-notice.tsx';
import { useDocumentTitle } from '../layout/use-document-title.ts';
import { useAuth } from './auth-context.tsx';
import { CredentialsForm } from './credentials-form.tsx';
import { redirectTarget } from './redirect-target.ts';

export function RegisterPage() {
  useDocumentTitle('Create account');
  const { state, register } = useAuth();
  // Where the person was headed before being sent here; passed on if they switch pages.
  const from: unknown = useLocation().state;

  if (state.status === 'signed-in') return <Navigate to={redirectTarget(from, state.user.role)} replace />;
  if (state.status === 'loading') return <LoadingNotice label="Checking your session…" fullPage />;

  return (
    <main className="page page--narrow">
      <section className="card auth-card" aria-labelledby="register-title">
        <h1 id="register-title">Create your account</h1>
        <p className="muted">
          Your account holds your loyalty level and badges. You can link a Solana wallet after signing up.
        </p>
        <CredentialsForm
          mode="register"
          submitLabel="Create account"
          busyLabel="Creating account…"
          onSubmit={register}
        />
        <p className="auth-card__switch">
          Already have an account?{' '}
          <Link to="/login" state={from}>
            Log in
          </Link>
        </p>
      </section>
    </main>
  );
}
