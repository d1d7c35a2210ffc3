import {
  auditPageSchema,
  emailLogsSchema,
  reconciliationFlagSchema,
  reconciliationRunSchema,
  webhookDeliveriesSchema,
  webhookDestinationsSchema,
} from '@insignia/contract';
import { z } from 'zod';
import { networkError, toApiError } from '../../api/api-error.ts';
import type { ApiClient } from '../../api/client.ts';
import { tokenStore } from '../../api/token-store.ts';
import { query } from './query.ts';

type Params = Record<string, string | number | undefined>;

/** The embedded mail outbox (`.eml` files); `enabled: false` when mail goes over SMTP. */
export const outboxSchema = z.object({
  enabled: z.boolean().default(true),
  items: z.array(
    z.object({
      name: z.string(),
      createdAt: z.string(),
      to: z.string().nullable().optional(),
      subject: z.string().nullable().optional(),
      text: z.string().nullable().optional(),
    }),
  ),
});

/**
 * The audit log as a CSV file. Not a plain link: the export needs the bearer token, so it is
 * fetched and handed over as a Blob for the browser to save.
 */
async function downloadAuditCsv(params: Params): Promise<Blob> {
  const token = tokenStore.get();
  let response: Response;
  try {
    response = await fetch(`/api/admin/audit.csv${query(params)}`, {
      headers: { accept: 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
  } catch {
    throw networkError();
  }
  if (!response.ok) throw toApiError(response.status, await response.json().catch(() => undefined));
  return response.blob();
}

/** The audit views (platform audit log, email log, webhook deliveries) and reconciliation. */
export function createLogsApi({ send }: ApiClient) {
  return {
    audit: (params: Params, signal?: AbortSignal) =>
      send('GET', `/api/admin/audit${query(params)}`, auditPageSchema, { signal }),
    auditCsv: downloadAuditCsv,
    emailLogs: (params: Params, signal?: AbortSignal) =>
      send('GET', `/api/admin/email-logs${query(params)}`, emailLogsSchema, { signal }),
    webhookDeliveries: (params: Params, signal?: AbortSignal) =>
      send('GET', `/api/admin/webhook-deliveries${query(params)}`, webhookDeliveriesSchema, { signal }),
    webhookDestinations: (signal?: AbortSignal) =>
      send('GET', '/api/admin/webhooks/destinations', webhookDestinationsSchema, { signal }),

    outbox: (signal?: AbortSignal) => send('GET', '/api/admin/mail/outbox', outboxSchema, { signal }),

    reconciliationRuns: (signal?: AbortSignal) =>
      send(
        'GET',
        '/api/admin/reconciliation/runs?limit=20',
        z.object({ items: z.array(reconciliationRunSchema) }),
        { signal },
      ),
    startReconciliation: () => send('POST', '/api/admin/reconciliation/runs', reconciliationRunSchema),
    reconciliationFlags: (params: { open: boolean; limit: number; offset: number }, signal?: AbortSignal) =>
      send(
        'GET',
        `/api/admin/reconciliation/flags${query(params)}`,
        z.object({ items: z.array(reconciliationFlagSchema) }),
        { signal },
      ),
    resolveFlag: (id: string, note: string) =>
      send('POST', `/api/admin/reconciliation/flags/${id}/resolve`, reconciliationFlagSchema, {
        body: { note },
      }),
  };
}
