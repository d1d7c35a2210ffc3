import { auditCategories, type AuditCategory } from '@insignia/contract';
import type { FilterField } from './filter-bar.tsx';

/** The filters kept in the URL, in the order the bar shows them. */
export const auditFilterKeys = ['category', 'q', 'actor', 'person', 'badge', 'level', 'from', 'to'] as const;
export type AuditFilterValues = Record<(typeof auditFilterKeys)[number], string>;

/** What each category is called in the console. */
export const categoryLabels: Record<AuditCategory, string> = {
  level: 'Level edit',
  unlock: 'Unlock',
  upgrade: 'Upgrade',
  compensation: 'Compensation',
  reconciliation: 'Reconciliation',
  issuance: 'Issuance',
  claim: 'Claim',
  badge: 'Badge catalogue',
  sign_in: 'Admin sign-in',
  account: 'Account',
};

export function auditFilterFields(levels: ReadonlyArray<{ level: number; name: string }>): FilterField[] {
  return [
    {
      kind: 'select',
      name: 'category',
      label: 'Kind',
      options: auditCategories.map((c) => ({ value: c, label: categoryLabels[c] })),
    },
    { kind: 'text', name: 'q', label: 'Search', placeholder: 'Anything' },
    { kind: 'text', name: 'actor', label: 'Done by', placeholder: 'Email' },
    { kind: 'text', name: 'person', label: 'Person affected', placeholder: 'Email' },
    { kind: 'text', name: 'badge', label: 'Badge', placeholder: 'Badge name' },
    {
      kind: 'select',
      name: 'level',
      label: 'Level',
      options: levels.map((l) => ({ value: String(l.level), label: `Level ${l.level} ${l.name}` })),
    },
    { kind: 'date', name: 'from', label: 'From' },
    { kind: 'date', name: 'to', label: 'Until' },
  ];
}

/** A date input's day as the start (or end) of that day in the viewer's time zone. */
function dayBound(day: string, end: boolean): string | undefined {
  if (!day) return undefined;
  const date = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The API's query parameters for the filters in the URL (the same for the page and the CSV). */
export function auditParams(values: AuditFilterValues): Record<string, string | undefined> {
  return {
    category: values.category || undefined,
    q: values.q || undefined,
    actor: values.actor || undefined,
    person: values.person || undefined,
    badge: values.badge || undefined,
    level: values.level || undefined,
    from: dayBound(values.from, false),
    to: dayBound(values.to, true),
  };
}
