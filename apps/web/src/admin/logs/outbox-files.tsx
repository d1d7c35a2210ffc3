import { queryKeys } from '../../api/query-keys.ts';
import { useAdminApi } from '../admin-context.tsx';
import { formatDateTime } from '../common/format.ts';
import { ResourceView } from '../common/resource-view.tsx';
import { useResource } from '../common/use-resource.ts';

/** In embedded mode emails are `.eml` files in the data dir's outbox: listed here to read. */
export function OutboxFiles() {
  const api = useAdminApi();
  const outbox = useResource(queryKeys.admin.logs.outbox, (signal) => api.logs.outbox(signal));
  if (outbox.status === 'ready' && !outbox.data.enabled) return null; // SMTP: no files to show
  return (
    <section className="card" aria-labelledby="outbox-title">
      <h2 id="outbox-title">Outbox files</h2>
      <p className="muted">
        Without an SMTP server, Insignia writes each email as an <code>.eml</code> file instead of sending it.
      </p>
      <ResourceView
        resource={outbox}
        feature="The outbox listing"
        loadingLabel="Loading the outbox…"
        errorTitle="Could not list the outbox"
        isEmpty={(d) => d.items.length === 0}
        empty="The outbox is empty."
      >
        {({ items }) => (
          <ul className="files">
            {items.map((file) => (
              <li key={file.name}>
                <details>
                  <summary>
                    <strong>{file.subject ?? file.name}</strong>
                    <span className="muted">
                      {' '}
                      {file.to ? `to ${file.to} · ` : ''}
                      {formatDateTime(file.createdAt)}
                    </span>
                  </summary>
                  {file.text ? <pre className="eml">{file.text}</pre> : <code>{file.name}</code>}
                </details>
              </li>
            ))}
          </ul>
        )}
      </ResourceView>
    </section>
  );
}
