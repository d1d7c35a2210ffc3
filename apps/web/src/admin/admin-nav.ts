import type { AdminDashboard } from '@insignia/contract';

export interface AdminNavItem {
  to: string;
  label: string;
  /** The dashboard count shown beside the link when it is above zero. */
  count?: (dashboard: AdminDashboard) => number;
}

export interface AdminNavGroup {
  label: string;
  items: AdminNavItem[];
}

/** The console's sections, in the order of the side navigation. */
export const adminNav: AdminNavGroup[] = [
  {
    label: 'Overview',
    items: [
      { to: '/admin', label: 'Dashboard' },
      { to: '/admin/users', label: 'Users' },
      { to: '/admin/awaiting-verification', label: 'Awaiting verification' },
      { to: '/admin/below-level', label: 'Below their level', count: (d) => d.nfts.heldBelowLevel },
    ],
  },
  {
    label: 'Level NFTs',
    items: [
      { to: '/admin/levels', label: 'Levels' },
      {
        to: '/admin/compensation',
        label: 'Compensation queue',
        count: (d) => d.attention.compensationQueue,
      },
      {
        to: '/admin/reconciliation',
        label: 'Reconciliation',
        count: (d) => d.attention.openReconciliationFlags,
      },
    ],
  },
  {
    label: 'Badges',
    items: [
      { to: '/admin/badges', label: 'Catalogue' },
      { to: '/admin/issuance', label: 'Issue badges', count: (d) => d.attention.failedIssuances },
      { to: '/admin/claims', label: 'Claim queue', count: (d) => d.attention.pendingClaims },
      { to: '/admin/revocations', label: 'Revocations' },
    ],
  },
  {
    label: 'Logs',
    items: [
      { to: '/admin/audit', label: 'Audit log' },
      { to: '/admin/emails', label: 'Email log', count: (d) => d.attention.failedEmails },
      { to: '/admin/webhooks', label: 'Webhook deliveries', count: (d) => d.attention.failedWebhooks },
    ],
  },
  { label: 'You', items: [{ to: '/admin/account', label: 'Your account' }] },
];
