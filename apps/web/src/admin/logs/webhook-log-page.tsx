import { queryKeys } from '../../api/query-keys.ts';
import { useAdminApi } from '../admin-context.tsx';
import { AdminPageHeader } from '../common/admin-page-header.tsx';
import { formatDateTime, humanize } from '../common/format.ts';
import { Pager } from '../common/pager.tsx';
import { ResourceView } from '../common/resource-view.tsx';
import { StatusTag } from '../common/status-tag.tsx';
import { useQueryParams } from '../common/use-query-params.ts';
import { useResource } from '../common/use-resource.ts';
import { FilterBar, type FilterField } from './filter-bar.tsx';
import { JsonDetails } from './json-details.tsx';
import { WebhookDestinations } from './webhook-destinations.tsx';

const LIMIT = 50;
const keys = ['status', 'eventType'] as const;

const fields: FilterField[] = [
  {
    kind: 'select',
    name: 'status',
    label: 'Status',
    options: ['pending', 'delivered', 'failed'].map((v) => ({ value: v, label: humanize(v) })),
  },
  { kind: 'text', name: 'eventType', label: 'Event', placeholder: 'e.g. claim.requested' },
];

/** Signed webhook POSTs to the admin endpoint: each delivery, its attempts and the answer. */
export function WebhookLogPage() {
  const api = useAdminApi();
  const { values, offset, update } = useQueryParams(keys);
  const params = {
    status: values.status || undefined,
    eventType: values.eventType || undefined,
    limit: LIMIT,
    offset,
  };
  const deliveries = useResource(queryKeys.admin.logs.webhooks(params), (signal) =>
    api.logs.webhookDeliveries(params, signal),
  );

  return (
    <>
      <AdminPageHeader
        title="Webhook deliveries"
        description="Claim requests and other events POSTed to the admin webhook, HMAC-signed and retried with back-off."
      />
      <WebhookDestinations />
      <section className="card">
        <FilterBar fields={fields} values={values} onApply={update} />
        <ResourceView
          resource={deliveries}
          feature="The webhook delivery log"
          loadingLabel="Loading deliveries…"
          errorTitle="Could not load the deliveries"
          isEmpty={(d) => d.items.length === 0}
          empty={
            Object.values(values).some(Boolean)
              ? 'No deliveries match these filters.'
              : 'No deliveries yet. Without ADMIN_WEBHOOK_URL set, none are sent.'
          }
        >
          {(page) => (
            <>
              <div className="table-wrap">
                <table className="table">
                  <caption className="visually-hidden">Webhook deliveries</caption>
                  <thead>
                    <tr>
                      <th scope="col">Queued</th>
                      <th scope="col">Event</th>
                      <th scope="col">Endpoint</th>
                      <th scope="col">Status</th>
                      <th scope="col">Answer</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((d) => (
                      <tr key={d.id}>
                        <td data-label="Queued">{formatDateTime(d.createdAt)}</td>
                        <td data-label="Event">
                          <code>{d.eventType}</code>
                          <JsonDetails label="Payload" value={d.payload} />
                        </td>
                        <td data-label="Endpoint">
                          <span className="address">{d.url}</span>
                        </td>
                        <td data-label="Status">
                          <StatusTag status={d.status} />
                          <div className="muted">
                            {d.deliveredAt
                              ? `Delivered ${formatDateTime(d.deliveredAt)}`
                              : `${d.attempts} attempt(s)`}
                          </div>
                        </td>
                        <td data-label="Answer">
                          {d.responseStatus !== null ? `HTTP ${d.responseStatus}` : '—'}
                          {d.lastError && <div className="cell-error">{d.lastError}</div>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager
                label="Deliveries"
                offset={offset}
                limit={LIMIT}
                shown={page.items.length}
                total={page.total}
                onChange={(next) => update({ ...values, offset: next })}
              />
            </>
          )}
        </ResourceView>
      </section>
    </>
  );
}
