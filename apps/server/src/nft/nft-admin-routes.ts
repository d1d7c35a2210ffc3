import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { compensateNftRequestSchema, errorBodySchema, nftRequestSchema } from '@insignia/contract';
import { currentUser, type AuthGuards } from '../auth/auth-guards.ts';
import type { NftAdminService } from './nft-admin-service.ts';
import { nftRequestStatuses } from './nft-statuses.ts';

const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
};
const idParams = z.object({ id: z.uuid() });
const adminNftRequestSchema = nftRequestSchema.extend({
  user: z.object({ id: z.uuid(), email: z.string() }),
  compensationNote: z.string().nullable(),
});

export function registerNftAdminRoutes(
  app: FastifyInstance,
  deps: { guards: AuthGuards; admin: NftAdminService },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const security = [{ bearerAuth: [] }];
  const preHandler = deps.guards.requireAdmin;

  r.get(
    '/api/admin/nft/requests',
    {
      schema: {
        tags: ['admin'],
        summary: 'Unlock/upgrade requests by status (default: the compensation queue)',
        security,
        querystring: z.object({
          status: z
            .string()
            .default('needs_compensation')
            .pipe(
              z
                .string()
                .transform((s) => s.split(','))
                .pipe(z.array(z.enum(nftRequestStatuses)).min(1)),
            ),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ items: z.array(adminNftRequestSchema) }), ...errors },
      },
      preHandler,
    },
    async (request) => ({ items: await deps.admin.list(request.query.status, request.query.limit) }),
  );

  r.get(
    '/api/admin/nft/requests/:id/history',
    {
      schema: {
        tags: ['admin'],
        security,
        params: idParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                fromStatus: z.string().nullable(),
                toStatus: z.string(),
                signature: z.string().nullable(),
                detail: z.unknown(),
                actorId: z.string().nullable(),
                createdAt: z.date(),
              }),
            ),
          }),
          ...errors,
        },
      },
      preHandler,
    },
    async (request) => ({ items: await deps.admin.history(request.params.id) }),
  );

  r.post(
    '/api/admin/nft/requests/:id/retry',
    {
      schema: {
        tags: ['admin'],
        summary: 'Retry the mint of a burned upgrade now',
        security,
        params: idParams,
        response: { 200: nftRequestSchema, ...errors },
      },
      preHandler,
    },
    async (request) => deps.admin.retry(request.params.id, currentUser(request).id),
  );

  r.post(
    '/api/admin/nft/requests/:id/compensate',
    {
      schema: {
        tags: ['admin'],
        summary: 'Record a manual compensation with a note',
        security,
        params: idParams,
        body: compensateNftRequestSchema,
        response: { 200: nftRequestSchema, ...errors },
      },
      preHandler,
    },
    async (request) => deps.admin.compensate(request.params.id, currentUser(request).id, request.body.note),
  );
}
