import { Link } from 'react-router-dom';
import { AdminPageHeader } from './common/admin-page-header.tsx';

export function AdminNotFound() {
  return (
    <>
      <AdminPageHeader title="Page not found" description="The admin console has no page at this address." />
      <Link className="button" to="/admin">
        Go to the dashboard
      </Link>
    </>
  );
}
