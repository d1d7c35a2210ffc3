import { useState } from 'react';
import { queryKeys } from '../../api/query-keys.ts';
import { useAdminApi } from '../admin-context.tsx';
import { AdminPageHeader } from '../common/admin-page-header.tsx';
import { ResourceView } from '../common/resource-view.tsx';
import { useQueryParams } from '../common/use-query-params.ts';
import { useResource } from '../common/use-resource.ts';
import { AuditEntryItem } from './audit-entry-item.tsx';
import { auditFilterFields, auditFilterKeys, auditParams } from './audit-filters.ts';
import { ExportCsvButton } from './export-csv-button.tsx';
import { FilterBar } from './filter-bar.tsx';
import './audit-log.css';

const LIMIT = 50;
const keys = [...auditFilterKeys, 'cursor'] as const;

/** One audit log for the whole platform: who did what to whom, newest first. */
export function AuditLogPage() {
  const api = useAdminApi();
  const { values, update } = useQueryParams(keys);
  const { cursor, ...filters } = values;
  // The cursors of the newer pages seen, to go back; a reload starts again from the newest.
  const [newer, setNewer] = useState<string[]>([]);
  const params = auditParams(filters);
  const request = { ...params, cursor: cursor || undefined, limit: LIMIT };
  const log = useResource(queryKeys.admin.logs.audit(request), (signal) => api.logs.audit(request, signal));
  const levels = useResource(queryKeys.admin.levels, (signal) => api.levels(signal));
  const filtered = Object.values(filters).some(Boolean);

  function applyFilters(next: Record<string, string>) {
    setNewer([]);
    update({ ...next, cursor: null });
  }

  return (
    <>
      <AdminPageHeader
        title="Audit log"
        description="Everything done on the platform: level edits, unlocks and upgrades, compensation, reconciliation, badges, issuances, claims and admin sign-ins."
        actions={<ExportCsvButton params={params} />}
      />
      <section className="card">
        <FilterBar
          fields={auditFilterFields(levels.data?.levels ?? [])}
          values={filters}
          onApply={applyFilters}
        />
        <ResourceView
          resource={log}
          feature="The audit log"
          loadingLabel="Loading the audit log…"
          errorTitle="Could not load the audit log"
          isEmpty={(page) => page.items.length === 0}
          empty={
            filtered
              ? 'Nothing matches these filters. Try a wider date range or clear the filters.'
              : 'Nothing has happened yet. Level edits, badges, unlocks, claims and sign-ins appear here as they happen.'
          }
        >
          {(page) => (
            <>
              <ol className="audit-list" aria-label="Audit log entries, newest first">
                {page.items.map((entry) => (
                  <AuditEntryItem key={entry.id} entry={entry} />
                ))}
              </ol>
              {(cursor || page.nextCursor) && (
                <nav className="pager" aria-label="Audit log pages">
                  <button
                    className="button button--small"
                    type="button"
                    disabled={!cursor}
                    onClick={() => {
                      setNewer(newer.slice(0, -1));
                      update({ ...filters, cursor: newer.at(-1) ?? null });
                    }}
                  >
                    ← Newer
                  </button>
                  <button
                    className="button button--small"
                    type="button"
                    disabled={!page.nextCursor}
                    onClick={() => {
                      setNewer([...newer, cursor]);
                      update({ ...filters, cursor: page.nextCursor });
                    }}
                  >
                    Older →
                  </button>
                </nav>
              )}
            </>
          )}
        </ResourceView>
      </section>
    </>
  );
}
