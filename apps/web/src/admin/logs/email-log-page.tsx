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
import { OutboxFiles } from './outbox-files.tsx';

const LIMIT = 50;
const keys = ['status', 'type'] as const;

const typeLabels = {
  badge_minted_to_wallet: 'Badge sent to wallet',
  badge_in_vault: 'Badge in vault (claim instructions)',
  claim_confirmed: 'Claim confirmed',
  badge_revoked: 'Badge revoked',
  email_verification_code: 'Email verification code',
} as const;

const fields: FilterField[] = [
  {
    kind: 'select',
    name: 'status',
    label: 'Status',
    options: ['pending', 'sent', 'failed'].map((v) => ({ value: v, label: humanize(v) })),
  },
  {
    kind: 'select',
    name: 'type',
    label: 'Email',
    options: Object.entries(typeLabels).map(([value, label]) => ({ value, label })),
  },
];

/** Every email Insignia sent or tried to send, with its delivery state. */
export function EmailLogPage() {
  const api = useAdminApi();
  const { values, offset, update } = useQueryParams(keys);
  const params = { status: values.status || undefined, type: values.type || undefined, limit: LIMIT, offset };
  const emails = useResource(queryKeys.admin.logs.emails(params), (signal) =>
    api.logs.emailLogs(params, signal),
  );

  return (
    <>
      <AdminPageHeader
        title="Email log"
        description="Badge and claim emails with their delivery status. Failed sends are retried automatically before they show as failed."
      />
      <section className="card">
        <FilterBar fields={fields} values={values} onApply={update} />
        <ResourceView
          resource={emails}
          feature="The email log"
          loadingLabel="Loading the email log…"
          errorTitle="Could not load the email log"
          isEmpty={(d) => d.items.length === 0}
          empty={
            Object.values(values).some(Boolean)
              ? 'No emails match these filters.'
              : 'No emails yet. Badge and claim emails appear here as they are queued.'
          }
        >
          {(page) => (
            <>
              <div className="table-wrap">
                <table className="table">
                  <caption className="visually-hidden">Emails</caption>
                  <thead>
                    <tr>
                      <th scope="col">Queued</th>
                      <th scope="col">Email</th>
                      <th scope="col">To</th>
                      <th scope="col">Status</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((email) => (
                      <tr key={email.id}>
                        <td data-label="Queued">{formatDateTime(email.createdAt)}</td>
                        <td data-label="Email">
                          {typeLabels[email.type]}
                          <div className="muted">{email.subject}</div>
                        </td>
                        <td data-label="To">{email.recipient}</td>
                        <td data-label="Status">
                          <StatusTag status={email.status} />
                          <div className="muted">
                            {email.sentAt
                              ? `Sent ${formatDateTime(email.sentAt)}`
                              : `${email.attempts} attempt(s)`}
                          </div>
                          {email.lastError && <div className="cell-error">{email.lastError}</div>}
                          {/* For matching a delivery in the mail provider's own logs; rarely needed. */}
                          {email.mailProviderId && (
                            <details className="email-provider-id">
                              <summary>Message id</summary>
                              <code className="address">{email.mailProviderId}</code>
                            </details>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager
                label="Emails"
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
      <OutboxFiles />
    </>
  );
}
