import {
  badgeLogsSchema,
  emailLogsSchema,
  reconciliationFlagSchema,
  reconciliationRunSchema,
  webhookDeliveriesSchema,
  webhookDestinationsSchema,
} from '@insignia/contract';
import { z } from 'zod';
import type { ApiClient } from '../../api/client.ts';
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

/** The audit views (badge log, email log, webhook deliveries) and reconciliation. */
export function createLogsApi({ send }: ApiClient) {
  return {
    badgeLogs: (params: Params, signal?: AbortSignal) =>
      send('GET', `/api/admin/badge-logs${query(params)}`, badgeLogsSchema, { signal }),
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
