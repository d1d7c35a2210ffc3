import { Link, NavLink, useLocation } from 'react-router-dom';
import { useAuth } from '../auth/auth-context.tsx';

const roleLabel = { user: 'User', admin: 'Admin' } as const;

/** Product name, main navigation and, when signed in, who is signed in with a Log out button. */
export function AppHeader() {
  const { state, logout } = useAuth();
  const user = state.status === 'signed-in' ? state.user : null;
  // The console is wider than the Personal Center: the header spans what the page below it does,
  // so the brand lines up with the console's side bar and Log out with its content.
  const wide = useLocation().pathname.startsWith('/admin');

  return (
    <header className="header">
      <div className={`header__inner${wide ? ' header__inner--wide' : ''}`}>
        <Link to="/" className="header__brand">
          <svg viewBox="0 0 32 32" width="22" height="22" aria-hidden="true">
            <path d="M16 2l12 6v8c0 7-5 12-12 14C9 28 4 23 4 16V8z" fill="currentColor" />
          </svg>
          Insignia
        </Link>
        {user && (
          <nav className="header__nav" aria-label="Main">
            <NavLink to="/app">Personal Center</NavLink>
            {user.role === 'admin' && <NavLink to="/admin">Admin</NavLink>}
          </nav>
        )}
        {user && (
          <div className="header__account">
            <span className="header__email" title={user.email}>
              {user.email}
            </span>
            <span className={`role role--${user.role}`} aria-label={`Role: ${roleLabel[user.role]}`}>
              {roleLabel[user.role]}
            </span>
            <button className="button button--small" type="button" onClick={logout}>
              Log out
            </button>
          </div>
        )}
      </div>
    </header>
  );
}
