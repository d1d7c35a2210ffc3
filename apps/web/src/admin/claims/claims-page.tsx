import { queryKeys } from '../../api/query-keys.ts';
import { useAdminApi, useAdminDashboard } from '../admin-context.tsx';
import { AdminPageHeader } from '../common/admin-page-header.tsx';
import { Pager } from '../common/pager.tsx';
import { ResourceView } from '../common/resource-view.tsx';
import { Tabs } from '../common/tabs.tsx';
import { useQueryParams } from '../common/use-query-params.ts';
import { useResource } from '../common/use-resource.ts';
import { SigningModePicker, useSigningMode } from '../wallet/signing-mode-picker.tsx';
import { ClaimItem } from './claim-item.tsx';

const LIMIT = 20;
const POLL_MS = 3_000;
const views = [
  { value: 'pending', label: 'Pending', statuses: 'pending' },
  { value: 'in_progress', label: 'In progress', statuses: 'approved,transferring' },
  { value: 'completed', label: 'Completed', statuses: 'completed' },
  { value: 'rejected', label: 'Rejected or failed', statuses: 'rejected,failed' },
  { value: 'all', label: 'All', statuses: '' },
] as const;

/** Requests to move vaulted badges to users' wallets: approve (server key or wallet) or reject. */
export function ClaimsPage() {
  const api = useAdminApi();
  const dashboard = useAdminDashboard();
  const { values, offset, update } = useQueryParams(['status'] as const);
  const view = views.find((v) => v.value === values.status) ?? views[0];
  const signing = useSigningMode();

  const params = { status: view.statuses || undefined, limit: LIMIT, offset };
  // A live `claim:requested` refreshes the list (live-query-keys.ts). Transfers in flight finish
  // in the background: follow them until they settle.
  const claims = useResource(
    queryKeys.admin.claims.list(params),
    (signal) => api.claims.claims(params, signal),
    {
      pollMs: (d) =>
        d?.items.some((c) => c.status === 'transferring' || c.status === 'approved') ? POLL_MS : false,
    },
  );
  const { reload } = claims;

  return (
    <>
      <AdminPageHeader
        title="Claim queue"
        description="People asked for badges held in the vault to be moved to their profile wallet. Approving signs and sends the transfer."
      />
      <SigningModePicker signing={signing} purpose="approve each transfer; the platform pays the fee" />
      <Tabs
        label="Claims"
        value={view.value}
        options={views.map((v) => ({
          value: v.value,
          label: v.label,
          count: v.value === 'pending' ? dashboard.data?.attention.pendingClaims : undefined,
        }))}
        onChange={(status) => update({ status: status === 'pending' ? '' : status })}
      />
      <ResourceView
        resource={claims}
        feature="The claim queue"
        loadingLabel="Loading claims…"
        errorTitle="Could not load the claims"
        isEmpty={(d) => d.items.length === 0}
        empty={
          view.value === 'pending'
            ? 'No claim is waiting. New ones appear here as they arrive.'
            : 'No claims here.'
        }
      >
        {(page) => (
          <>
            <ul className="queue">
              {page.items.map((claim) => (
                <ClaimItem key={claim.id} claim={claim} signing={signing.claimSigning} onChanged={reload} />
              ))}
            </ul>
            <Pager
              label="Claims"
              offset={offset}
              limit={LIMIT}
              shown={page.items.length}
              total={page.total}
              onChange={(next) => update({ status: values.status, offset: next })}
            />
          </>
        )}
      </ResourceView>
    </>
  );
}
