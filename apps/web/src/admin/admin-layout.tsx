import { useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router-dom';
import { useAdminDashboard } from './admin-context.tsx';
import { adminNav } from './admin-nav.ts';

/** The console frame: section navigation (a side bar, or a menu on phones) and the page. */
export function AdminLayout() {
  const dashboard = useAdminDashboard();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const [menuPath, setMenuPath] = useState(location.pathname);
  // Following a link closes the phone menu.
  if (menuPath !== location.pathname) {
    setMenuPath(location.pathname);
    setMenuOpen(false);
  }
  const items = adminNav.flatMap((group) => group.items);
  const current = [...items]
    .sort((a, b) => b.to.length - a.to.length)
    .find((item) => location.pathname === item.to || location.pathname.startsWith(`${item.to}/`));

  return (
    <div className="admin">
      <aside className="admin__aside">
        <button
          className="admin__menu-button button"
          type="button"
          aria-expanded={menuOpen}
          aria-controls="admin-nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          <span>
            <span className="muted">Admin · </span>
            {current?.label ?? 'Sections'}
          </span>
          <span aria-hidden="true">{menuOpen ? '▴' : '▾'}</span>
        </button>
        <nav id="admin-nav" className={`admin__nav${menuOpen ? ' is-open' : ''}`} aria-label="Admin console">
          {adminNav.map((group) => (
            <div key={group.label} className="admin__nav-group">
              <p className="admin__nav-title">{group.label}</p>
              <ul>
                {group.items.map((item) => {
                  const count = dashboard.data && item.count ? item.count(dashboard.data) : 0;
                  return (
                    <li key={item.to}>
                      <NavLink to={item.to} end={item.to === '/admin'}>
                        <span>{item.label}</span>
                        {count > 0 && (
                          <span className="counter" aria-label={`${count} need attention`}>
                            {count}
                          </span>
                        )}
                      </NavLink>
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        </nav>
      </aside>
      <main className="admin__main">
        <Outlet />
      </main>
    </div>
  );
}
