import { useState } from 'react';
import type { WebhookDestination } from '@insignia/contract';
import { queryKeys } from '../../api/query-keys.ts';
import { useAdminApi } from '../admin-context.tsx';
import { ResourceView } from '../common/resource-view.tsx';
import { useResource } from '../common/use-resource.ts';

/**
 * The configured webhook URLs, each with the secret its receiver verifies signatures with
 * (derived from WEBHOOK_SECRET for that URL alone). Secrets stay hidden until asked for.
 */
export function WebhookDestinations() {
  const api = useAdminApi();
  const destinations = useResource(queryKeys.admin.logs.webhookDestinations, (signal) =>
    api.logs.webhookDestinations(signal),
  );
  return (
    <section className="card">
      <h2>Destinations</h2>
      <p className="muted">
        Each receiver verifies the <code>x-insignia-signature</code> header with its own secret: paste it into
        that receiver only.
      </p>
      <ResourceView
        resource={destinations}
        feature="The webhook destination list"
        loadingLabel="Loading destinations…"
        errorTitle="Could not load the destinations"
        isEmpty={(d) => d.items.length === 0}
        empty="No webhook is configured (ADMIN_WEBHOOK_URL, EVENTS_WEBHOOK_URLS)."
      >
        {(data) => (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Webhook destinations</caption>
              <thead>
                <tr>
                  <th scope="col">Endpoint</th>
                  <th scope="col">Receives</th>
                  <th scope="col">Signing secret</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((d) => (
                  <DestinationRow key={`${d.purpose} ${d.url}`} destination={d} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ResourceView>
    </section>
  );
}

function DestinationRow({ destination }: { destination: WebhookDestination }) {
  const [shown, setShown] = useState(false);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(destination.secret);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  }
  return (
    <tr>
      <td data-label="Endpoint">
        <span className="address">{destination.url}</span>
      </td>
      <td data-label="Receives">{destination.purpose === 'admin' ? 'Claim requests' : 'Every event'}</td>
      <td data-label="Signing secret">
        <code>{shown ? destination.secret : 'whsec_••••••••'}</code>{' '}
        <button type="button" className="button button--small button--ghost" onClick={() => setShown(!shown)}>
          {shown ? 'Hide' : 'Show'}
        </button>{' '}
        <button
          type="button"
          className="button button--small button--ghost"
          onClick={() => void copy()}
          aria-label={`Copy the secret for ${destination.url}`}
        >
          {copied === 'yes' ? 'Copied' : copied === 'no' ? 'Copy failed' : 'Copy'}
        </button>
        <span className="visually-hidden" role="status">
          {copied === 'yes' ? 'Secret copied' : ''}
        </span>
      </td>
    </tr>
  );
}
