import { Route, Routes } from 'react-router-dom';
import { LiveProvider } from '../live/live-context.tsx';
import { AccountPage } from './account/account-page.tsx';
import { AdminConsoleProvider } from './admin-context.tsx';
import { AdminLayout } from './admin-layout.tsx';
import { AdminNotFound } from './admin-not-found.tsx';
import { BadgesPage } from './badges/badges-page.tsx';
import { ClaimsPage } from './claims/claims-page.tsx';
import { CompensationPage } from './compensation/compensation-page.tsx';
import { DashboardPage } from './dashboard/dashboard-page.tsx';
import { IssuanceBatchPage } from './issuance/issuance-batch-page.tsx';
import { IssuancePage } from './issuance/issuance-page.tsx';
import { LevelsPage } from './levels/levels-page.tsx';
import { AuditLogPage } from './logs/audit-log-page.tsx';
import { EmailLogPage } from './logs/email-log-page.tsx';
import { WebhookLogPage } from './logs/webhook-log-page.tsx';
import { ReconciliationPage } from './reconciliation/reconciliation-page.tsx';
import { RevocationsPage } from './revocations/revocations-page.tsx';
import { AwaitingVerificationPage } from './users/awaiting-verification-page.tsx';
import { UserDetailPage } from './users/user-detail-page.tsx';
import { BelowLevelPage } from './users/below-level-page.tsx';
import { UsersPage } from './users/users-page.tsx';
import './admin.css';

/** The admin console at `/admin/*`: its own navigation, live updates and pages. */
export function AdminConsole() {
  return (
    <LiveProvider>
      <AdminConsoleProvider>
        <Routes>
          <Route element={<AdminLayout />}>
            <Route index element={<DashboardPage />} />
            <Route path="users" element={<UsersPage />} />
            <Route path="users/:userId" element={<UserDetailPage />} />
            <Route path="awaiting-verification" element={<AwaitingVerificationPage />} />
            <Route path="below-level" element={<BelowLevelPage />} />
            <Route path="levels" element={<LevelsPage />} />
            <Route path="compensation" element={<CompensationPage />} />
            <Route path="reconciliation" element={<ReconciliationPage />} />
            <Route path="badges" element={<BadgesPage />} />
            <Route path="issuance" element={<IssuancePage />} />
            <Route path="issuance/:batchId" element={<IssuanceBatchPage />} />
            <Route path="claims" element={<ClaimsPage />} />
            <Route path="revocations" element={<RevocationsPage />} />
            <Route path="audit" element={<AuditLogPage />} />
            <Route path="emails" element={<EmailLogPage />} />
            <Route path="webhooks" element={<WebhookLogPage />} />
            <Route path="account" element={<AccountPage />} />
            <Route path="*" element={<AdminNotFound />} />
          </Route>
        </Routes>
      </AdminConsoleProvider>
    </LiveProvider>
  );
}
