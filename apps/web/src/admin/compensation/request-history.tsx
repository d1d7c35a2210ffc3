import { queryKeys } from '../../api/query-keys.ts';
import { useAdminApi } from '../admin-context.tsx';
import { formatDateTime, humanize, shorten } from '../common/format.ts';
import { ResourceView } from '../common/resource-view.tsx';
import { useResource } from '../common/use-resource.ts';

function describeDetail(detail: unknown): string | null {
  if (detail === null || detail === undefined) return null;
  if (typeof detail === 'string') return detail;
  if (typeof detail === 'object') {
    const record = detail as Record<string, unknown>;
    if (typeof record.note === 'string') return `Note: ${record.note}`;
    if (typeof record.error === 'string') return record.error;
    if (typeof record.message === 'string') return record.message;
  }
  return JSON.stringify(detail);
}

/** Every state change of one unlock or upgrade request, oldest first. */
export function RequestHistory({ requestId }: { requestId: string }) {
  const api = useAdminApi();
  const history = useResource(queryKeys.admin.nftRequests.history(requestId), (signal) =>
    api.nftRequestHistory(requestId, signal),
  );
  return (
    <ResourceView
      resource={history}
      loadingLabel="Loading the history…"
      errorTitle="Could not load the history"
      isEmpty={(d) => d.items.length === 0}
      empty="No recorded steps."
    >
      {({ items }) => (
        <ol className="timeline">
          {items.map((e, i) => (
            <li key={`${e.createdAt}-${i}`}>
              <time dateTime={e.createdAt}>{formatDateTime(e.createdAt)}</time>{' '}
              <strong>
                {e.fromStatus ? `${humanize(e.fromStatus)} → ` : ''}
                {humanize(e.toStatus)}
              </strong>
              {e.actorId && <span className="muted"> (by an admin)</span>}
              {e.signature && (
                <>
                  {' '}
                  · tx <code title={e.signature}>{shorten(e.signature, 8)}</code>
                </>
              )}
              {describeDetail(e.detail) && <p className="timeline__detail">{describeDetail(e.detail)}</p>}
            </li>
          ))}
        </ol>
      )}
    </ResourceView>
  );
}
