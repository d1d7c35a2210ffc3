import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  badgeLogsQuerySchema,
  badgeLogsSchema,
  emailLogsQuerySchema,
  emailLogsSchema,
  errorBodySchema,
  webhookDeliveriesQuerySchema,
  webhookDeliveriesSchema,
} from '@insignia/contract';
import type { AuthGuards } from '../auth/auth-guards.ts';
import type { BadgeAuditQueries } from './badge-audit-queries.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema };

/** The console's audit views: badge actions, emails and webhook deliveries. */
export function registerBadgeAuditRoutes(
  app: FastifyInstance,
  deps: { guards: AuthGuards; audit: BadgeAuditQueries },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = { tags: ['admin', 'audit'], security: [{ bearerAuth: [] }] };
  // On request, before the body is even parsed: a non-admin learns nothing about the API.
  const onRequest = deps.guards.requireAdmin;

  r.get(
    '/api/admin/badge-logs',
    {
      schema: {
        ...base,
        summary: 'badge_logs: every badge, issuance and claim action, newest first',
        querystring: badgeLogsQuerySchema,
        response: { 200: badgeLogsSchema, ...errors },
      },
      onRequest,
    },
    async (request) => deps.audit.badgeLogs(request.query),
  );
  r.get(
    '/api/admin/email-logs',
    {
      schema: {
        ...base,
        summary: 'email_logs: every email with its delivery status and provider id',
        querystring: emailLogsQuerySchema,
        response: { 200: emailLogsSchema, ...errors },
      },
      onRequest,
    },
    async (request) => deps.audit.emailLogs(request.query),
  );
  r.get(
    '/api/admin/webhook-deliveries',
    {
      schema: {
        ...base,
        summary: 'Admin webhook deliveries with their attempts and responses',
        querystring: webhookDeliveriesQuerySchema,
        response: { 200: webhookDeliveriesSchema, ...errors },
      },
      onRequest,
    },
    async (request) => deps.audit.webhookDeliveries(request.query),
  );
}
