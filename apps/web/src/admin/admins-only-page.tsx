import { Link } from 'react-router-dom';
import { useCurrentUser } from '../auth/auth-context.tsx';
import { useDocumentTitle } from '../layout/use-document-title.ts';

/** Shown to a signed-in person without the admin role who opens an admin page. */
export function AdminsOnlyPage() {
  useDocumentTitle('Admins only');
  const user = useCurrentUser();
  return (
    <main className="page page--narrow">
      <section className="card" aria-labelledby="admins-only-title">
        <h1 id="admins-only-title">Admins only</h1>
        <p>
          The admin console is for Insignia administrators. You are logged in as <strong>{user.email}</strong>
          , which does not have the admin role.
        </p>
        <p className="muted">If you need access, ask an administrator of this Insignia installation.</p>
        <Link className="button button--primary" to="/app">
          Go to your Personal Center
        </Link>
      </section>
    </main>
  );
}
