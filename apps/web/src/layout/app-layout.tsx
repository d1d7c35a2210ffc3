import { Outlet } from 'react-router-dom';
import { AppHeader } from './app-header.tsx';
import { NetworkBanner } from './network-banner.tsx';

/** Frame of every page: the network banner, the header, then the page's own <main>. */
export function AppLayout() {
  return (
    <div className="shell">
      <NetworkBanner />
      <AppHeader />
      <Outlet />
    </div>
  );
}
