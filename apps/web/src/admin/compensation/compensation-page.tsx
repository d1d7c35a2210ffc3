import { queryKeys } from '../../api/query-keys.ts';
import { useAdminApi } from '../admin-context.tsx';
import { AdminPageHeader } from '../common/admin-page-header.tsx';
import { ResourceView } from '../common/resource-view.tsx';
import { Tabs } from '../common/tabs.tsx';
import { useQueryParams } from '../common/use-query-params.ts';
import { useResource } from '../common/use-resource.ts';
import { CompensationItem } from './compensation-item.tsx';

const views = [
  { value: '', label: 'Waiting', statuses: 'needs_compensation' },
  { value: 'in_progress', label: 'Mint in progress', statuses: 'burn_confirmed,mint_submitted' },
  { value: 'compensated', label: 'Compensated', statuses: 'compensated' },
] as const;

/** Upgrades whose new NFT could not be minted after the burn: retry, or record a compensation. */
export function CompensationPage() {
  const api = useAdminApi();
  const { values, update } = useQueryParams(['view'] as const);
  const view = views.find((v) => v.value === values.view) ?? views[0];
  const requests = useResource(queryKeys.admin.nftRequests.list(view.statuses), (signal) =>
    api.nftRequests(view.statuses, signal),
  );

  return (
    <>
      <AdminPageHeader
        title="Compensation queue"
        description="Upgrades where the old NFT was burned but the new one could not be minted. Retry the mint, or record what was done by hand."
      />
      <Tabs
        label="Requests"
        value={view.value}
        options={views.map((v) => ({ value: v.value, label: v.label }))}
        onChange={(value) => update({ view: value })}
      />
      <ResourceView
        resource={requests}
        loadingLabel="Loading requests…"
        errorTitle="Could not load the queue"
        isEmpty={(d) => d.items.length === 0}
        empty={
          view.value === ''
            ? 'The queue is empty: every burned NFT has its replacement.'
            : 'No requests in this state.'
        }
      >
        {({ items }) => (
          <ul className="queue">
            {items.map((request) => (
              <CompensationItem key={request.id} request={request} onChanged={requests.reload} />
            ))}
          </ul>
        )}
      </ResourceView>
    </>
  );
}
