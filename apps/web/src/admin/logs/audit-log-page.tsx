import { queryKeys } from '../../api/query-keys.ts';
import { useAdminApi } from '../admin-context.tsx';
import { AdminPageHeader } from '../common/admin-page-header.tsx';
import { formatDateTime, humanize, shorten } from '../common/format.ts';
import { Pager } from '../common/pager.tsx';
import { ResourceView } from '../common/resource-view.tsx';
import { StatusTag } from '../common/status-tag.tsx';
import { useQueryParams } from '../common/use-query-params.ts';
import { useResource } from '../common/use-resource.ts';
import { FilterBar, type FilterField } from './filter-bar.tsx';
import { JsonDetails } from './json-details.tsx';

const LIMIT = 50;
const keys = ['action', 'entity', 'status', 'from', 'to'] as const;

/** Actions the server writes today; the field also takes any other. */
const knownActions = [
  'badge.created',
  'badge.updated',
  'badge.deleted',
  'badge.mint_created',
  'badge.mint_retried',
  'category.created',
  'category.updated',
  'category.deleted',
  'batch.created',
  'issuance.created',
  'issuance.uploaded',
  'issuance.mint_sent',
  'issuance.retried',
  'email.enqueued',
  'claim.requested',
  'claim.transfer_prepared',
  'notification.read',
];

const fields: FilterField[] = [
  {
    kind: 'text',
    name: 'action',
    label: 'Action',
    placeholder: 'e.g. claim.requested',
    suggestions: knownActions,
  },
  {
    kind: 'select',
    name: 'entity',
    label: 'About',
    options: [
      'badge',
      'category',
      'issuance',
      'batch',
      'claim',
      'notification',
      'user_nft',
      'badge_vault',
    ].map((v) => ({ value: v, label: humanize(v) })),
  },
  {
    kind: 'select',
    name: 'status',
    label: 'Outcome',
    options: [
      { value: 'ok', label: 'OK' },
      { value: 'error', label: 'Error' },
    ],
  },
  { kind: 'date', name: 'from', label: 'From' },
  { kind: 'date', name: 'to', label: 'Until' },
];

/** A date input's day as the start (or end) of that day in the viewer's time zone. */
function dayBound(day: string, end: boolean): string | undefined {
  if (!day) return undefined;
  const date = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Every badge, issuance and claim action: who, what, the chain's answer, old and new values. */
export function AuditLogPage() {
  const api = useAdminApi();
  const { values, offset, update } = useQueryParams(keys);
  const params = {
    action: values.action || undefined,
    entity: values.entity || undefined,
    status: values.status || undefined,
    from: dayBound(values.from, false),
    to: dayBound(values.to, true),
    limit: LIMIT,
    offset,
  };
  const logs = useResource(queryKeys.admin.logs.audit(params), (signal) =>
    api.logs.badgeLogs(params, signal),
  );

  return (
    <>
      <AdminPageHeader
        title="Audit log"
        description="Every badge, category, issuance and claim action, with who did it and what the chain said."
      />
      <section className="card">
        <FilterBar fields={fields} values={values} onApply={update} />
        <ResourceView
          resource={logs}
          feature="The audit log"
          loadingLabel="Loading the audit log…"
          errorTitle="Could not load the audit log"
          isEmpty={(d) => d.items.length === 0}
          empty={
            Object.values(values).some(Boolean)
              ? 'No entries match these filters.'
              : 'Nothing logged yet. Badge, issuance and claim actions appear here.'
          }
        >
          {(page) => (
            <>
              <div className="table-wrap">
                <table className="table">
                  <caption className="visually-hidden">Audit log entries</caption>
                  <thead>
                    <tr>
                      <th scope="col">When</th>
                      <th scope="col">Action</th>
                      <th scope="col">By</th>
                      <th scope="col">Chain</th>
                      <th scope="col">Outcome</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((log) => (
                      <tr key={log.id}>
                        <td data-label="When">{formatDateTime(log.createdAt)}</td>
                        <td data-label="Action">
                          <code>{log.action}</code> <span className="muted">({log.entity})</span>
                          <JsonDetails label="Old value" value={log.oldValue} />
                          <JsonDetails label="New value" value={log.newValue} />
                        </td>
                        <td data-label="By">
                          {log.performedBy?.email ?? <span className="muted">System</span>}
                        </td>
                        <td data-label="Chain">
                          {log.txSignature ? (
                            <code title={log.txSignature}>tx {shorten(log.txSignature)}</code>
                          ) : (
                            '—'
                          )}
                          {log.walletAddress && (
                            <div className="muted">
                              to <code title={log.walletAddress}>{shorten(log.walletAddress)}</code>
                            </div>
                          )}
                        </td>
                        <td data-label="Outcome">
                          <StatusTag status={log.status} />
                          {log.error && <div className="cell-error">{log.error}</div>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager
                label="Audit log"
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
