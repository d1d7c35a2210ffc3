import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  errorBodySchema,
  reconciliationFlagSchema,
  reconciliationRunSchema,
  resolveFlagSchema,
} from '@insignia/contract';
import { currentUser, type AuthGuards } from '../auth/auth-guards.ts';
import type { reconciliationFlags } from '../nft/nft-schema.ts';
import type { Reconciliation, ReconciliationRun } from './reconciliation-service.ts';

const runView = (r: ReconciliationRun) => ({
  ...r,
  startedAt: r.startedAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
});
const flagView = (f: typeof reconciliationFlags.$inferSelect) => ({
  id: f.id,
  runId: f.runId,
  entityType: f.entityType,
  entityId: f.entityId,
  kind: f.kind,
  autoCorrected: f.autoCorrected,
  databaseValue: f.databaseValue,
  chainValue: f.chainValue,
  resolvedAt: f.resolvedAt?.toISOString() ?? null,
  resolutionNote: f.resolutionNote,
  createdAt: f.createdAt.toISOString(),
});

const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
};

export function registerReconciliationRoutes(
  app: FastifyInstance,
  deps: { guards: AuthGuards; reconciliation: Reconciliation },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const security = [{ bearerAuth: [] }];
  const preHandler = deps.guards.requireAdmin;

  r.post(
    '/api/admin/reconciliation/runs',
    {
      schema: {
        tags: ['admin'],
        summary: 'Start a reconciliation run now',
        security,
        response: { 202: reconciliationRunSchema, ...errors },
      },
      preHandler,
    },
    async (request, reply) =>
      reply.status(202).send(runView(await deps.reconciliation.start(currentUser(request).id))),
  );

  r.get(
    '/api/admin/reconciliation/runs',
    {
      schema: {
        tags: ['admin'],
        security,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
        response: { 200: z.object({ items: z.array(reconciliationRunSchema) }), ...errors },
      },
      preHandler,
    },
    async (request) => ({ items: (await deps.reconciliation.listRuns(request.query.limit)).map(runView) }),
  );

  r.get(
    '/api/admin/reconciliation/runs/:id',
    {
      schema: {
        tags: ['admin'],
        security,
        params: z.object({ id: z.uuid() }),
        response: { 200: reconciliationRunSchema, ...errors },
      },
      preHandler,
    },
    async (request) => runView(await deps.reconciliation.getRun(request.params.id)),
  );

  r.get(
    '/api/admin/reconciliation/flags',
    {
      schema: {
        tags: ['admin'],
        security,
        querystring: z.object({
          open: z
            .enum(['true', 'false'])
            .default('true')
            .transform((v) => v === 'true'),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.object({ items: z.array(reconciliationFlagSchema) }), ...errors },
      },
      preHandler,
    },
    async (request) => ({
      items: (
        await deps.reconciliation.listFlags(request.query.open, request.query.limit, request.query.offset)
      ).map(flagView),
    }),
  );

  r.post(
    '/api/admin/reconciliation/flags/:id/resolve',
    {
      schema: {
        tags: ['admin'],
        security,
        params: z.object({ id: z.uuid() }),
        body: resolveFlagSchema,
        response: { 200: reconciliationFlagSchema, ...errors },
      },
      preHandler,
    },
    async (request) =>
      flagView(
        await deps.reconciliation.resolveFlag(request.params.id, currentUser(request).id, request.body.note),
      ),
  );
}
