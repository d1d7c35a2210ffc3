import type { Badge, BadgeCategory } from '@insignia/contract';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { queryKeys } from '../../api/query-keys.ts';
import { useAdminApi } from '../admin-context.tsx';
import { AdminPageHeader } from '../common/admin-page-header.tsx';
import { humanize } from '../common/format.ts';
import { Pager } from '../common/pager.tsx';
import { ResourceView } from '../common/resource-view.tsx';
import { useQueryParams } from '../common/use-query-params.ts';
import { useResource } from '../common/use-resource.ts';
import { FilterBar, type FilterField } from '../logs/filter-bar.tsx';
import { BadgeCard } from './badge-card.tsx';
import { BadgeForm } from './badge-form.tsx';
import { CategoriesSection } from './categories-section.tsx';

const LIMIT = 24;
const POLL_MS = 2_000;
const keys = ['q', 'categoryId', 'type', 'status'] as const;

type Editing = null | { mode: 'new' } | { mode: 'edit'; badge: Badge };

function filterFields(categories: BadgeCategory[]): FilterField[] {
  return [
    { kind: 'text', name: 'q', label: 'Search', placeholder: 'Name or description' },
    {
      kind: 'select',
      name: 'categoryId',
      label: 'Category',
      options: categories.map((c) => ({ value: c.id, label: c.name })),
    },
    {
      kind: 'select',
      name: 'type',
      label: 'Type',
      options: [
        { value: 'database', label: 'Database only' },
        { value: 'blockchain', label: 'Blockchain' },
      ],
    },
    {
      kind: 'select',
      name: 'status',
      label: 'Status',
      options: ['creating', 'active', 'failed', 'archived'].map((v) => ({ value: v, label: humanize(v) })),
    },
  ];
}

/** The badge catalogue: categories, and badges with their image, type and mint status. */
export function BadgesPage() {
  const api = useAdminApi();
  const queryClient = useQueryClient();
  const { values, offset, update } = useQueryParams(keys);
  const [editing, setEditing] = useState<Editing>(null);
  // The form opens at the top of the page: bring it into view (Edit may be far below).
  const formRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (editing) formRef.current?.scrollIntoView({ block: 'start' });
  }, [editing]);

  const categories = useResource(queryKeys.admin.badges.categories, (signal) =>
    api.badges.categories(signal),
  );
  const params = {
    q: values.q || undefined,
    categoryId: values.categoryId || undefined,
    type: (values.type || undefined) as 'database' | 'blockchain' | undefined,
    status: values.status || undefined,
    limit: LIMIT,
    offset,
  };
  // A blockchain badge's mint is created in the background: follow it until it is active.
  const badges = useResource(
    queryKeys.admin.badges.list(params),
    (signal) => api.badges.badges(params, signal),
    {
      pollMs: (d) => (d?.items.some((b) => b.status === 'creating') ? POLL_MS : false),
    },
  );
  const categoryList = categories.data?.items ?? [];
  // Every badge list (this page's, the levels page's, the issuance wizard's) and the categories.
  const reloadAll = () => void queryClient.invalidateQueries({ queryKey: queryKeys.admin.badges.all });

  return (
    <>
      <AdminPageHeader
        title="Badge catalogue"
        description="Database-only badges live in the app; blockchain badges are one Token-2022 mint each, with metadata on IPFS."
        actions={
          !editing && (
            <button
              className="button button--primary button--small"
              type="button"
              onClick={() => setEditing({ mode: 'new' })}
            >
              New badge
            </button>
          )
        }
      />
      {editing && (
        <section className="card" aria-labelledby="badge-form-title" ref={formRef}>
          <h2 id="badge-form-title">{editing.mode === 'new' ? 'New badge' : `Edit ${editing.badge.name}`}</h2>
          <BadgeForm
            key={editing.mode === 'new' ? 'new' : editing.badge.id}
            badge={editing.mode === 'edit' ? editing.badge : undefined}
            categories={categoryList}
            onCancel={() => setEditing(null)}
            onCreate={async (body) => {
              await api.badges.createBadge(body);
              setEditing(null);
              reloadAll();
            }}
            onUpdate={async (body) => {
              if (editing.mode !== 'edit') return;
              await api.badges.updateBadge(editing.badge.id, body);
              setEditing(null);
              reloadAll();
            }}
          />
        </section>
      )}
      <ResourceView
        resource={categories}
        feature="The badge catalogue"
        loadingLabel="Loading categories…"
        errorTitle="Could not load the categories"
      >
        {(d) => <CategoriesSection categories={d.items} onChanged={reloadAll} />}
      </ResourceView>
      <section className="card" aria-labelledby="badges-title">
        <h2 id="badges-title">Badges</h2>
        <FilterBar fields={filterFields(categoryList)} values={values} onApply={update} />
        <ResourceView
          resource={badges}
          feature="The badge catalogue"
          loadingLabel="Loading badges…"
          errorTitle="Could not load the badges"
          isEmpty={(d) => d.items.length === 0}
          empty={
            Object.values(values).some(Boolean)
              ? 'No badge matches these filters.'
              : 'No badges yet. Create the first one.'
          }
        >
          {(page) => (
            <>
              <ul className="badge-grid">
                {page.items.map((badge) => (
                  <BadgeCard
                    key={badge.id}
                    badge={badge}
                    onEdit={() => setEditing({ mode: 'edit', badge })}
                    onChanged={reloadAll}
                  />
                ))}
              </ul>
              <Pager
                label="Badges"
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
