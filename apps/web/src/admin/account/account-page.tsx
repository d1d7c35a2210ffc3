import { useCurrentUser } from '../../auth/auth-context.tsx';
import { AdminPageHeader } from '../common/admin-page-header.tsx';
import { ChangePasswordForm } from './change-password-form.tsx';
import './account-page.css';

/** `/admin/account`: who is signed in, and their password. */
export function AccountPage() {
  const user = useCurrentUser();
  return (
    <>
      <AdminPageHeader title="Your account" description="The admin account you are signed in with." />
      <div className="account">
        <section className="card" aria-labelledby="account-who">
          <h2 id="account-who">Signed in as</h2>
          <p className="account__email">{user.email}</p>
          <p className="muted">Administrator of this Insignia platform.</p>
        </section>
        <section className="card" aria-labelledby="account-password">
          <h2 id="account-password">Change password</h2>
          <p className="muted">
            Your other sessions (other browsers and devices) are signed out; this one stays signed in.
          </p>
          <ChangePasswordForm />
        </section>
        <section className="card card--quiet" aria-labelledby="account-lost">
          <h2 id="account-lost">If you lose your password</h2>
          <p className="muted">
            Whoever runs the server can give you a new one: on the server, in the Insignia folder, run{' '}
            <code>npm run admin -- reset-password {user.email}</code> (with the embedded database, stop the
            server first).
          </p>
        </section>
      </div>
    </>
  );
}
