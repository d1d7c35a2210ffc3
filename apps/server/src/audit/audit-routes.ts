import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditPageSchema, auditQuerySchema, errorBodySchema } from '@insignia/contract';
import type { AuthGuards } from '../auth/auth-guards.ts';
import type { Db } from '../db/database.ts';
import { auditCsvHeader, auditCsvRow } from './audit-csv.ts';
import { listAuditEntries, streamAuditEntries } from './audit-queries.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema };

/** `GET /api/admin/audit` (a page of readable entries) and `/api/admin/audit.csv` (all of them). */
export function registerAuditRoutes(app: FastifyInstance, deps: { guards: AuthGuards; db: Db }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = { tags: ['admin', 'audit'], security: [{ bearerAuth: [] }] };
  // Before the query is even parsed: a non-admin learns nothing about the API.
  const onRequest = deps.guards.requireAdmin;

  r.get(
    '/api/admin/audit',
    {
      schema: {
        ...base,
        summary: 'The platform audit log: who did what to whom, newest first, in cursor pages',
        querystring: auditQuerySchema,
        response: { 200: auditPageSchema, ...errors },
      },
      onRequest,
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return listAuditEntries(deps.db, request.query);
    },
  );

  r.get(
    '/api/admin/audit.csv',
    {
      schema: {
        ...base,
        summary: 'The audit log with the same filters as CSV (RFC 4180, formula cells neutralised)',
        querystring: auditQuerySchema,
        response: errors,
      },
      onRequest,
    },
    async (request, reply) => {
      const { cursor: _cursor, limit: _limit, ...filters } = request.query;
      const stamp = new Date().toISOString().slice(0, 10);
      async function* lines() {
        yield auditCsvHeader;
        for await (const entry of streamAuditEntries(deps.db, filters)) yield auditCsvRow(entry);
      }
      return (
        reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="insignia-audit-${stamp}.csv"`)
          .header('cache-control', 'no-store')
          // A stream is sent as it is; the typed reply only knows the JSON error bodies.
          .send(Readable.from(lines()) as never)
      );
    },
  );
}
