import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  adminUserDetailSchema,
  belowLevelListSchema,
  belowLevelQuerySchema,
  errorBodySchema,
  publicUserSchema,
} from '@insignia/contract';
import type { AppContext } from '../app/app-context.ts';
import type { AuthGuards } from '../auth/auth-guards.ts';
import { countUsersByRole, listUsers, toPublicUser } from '../auth/user-queries.ts';
import { listUsersBelowLevel } from './below-level-queries.ts';
import { loadAdminUserDetail } from './load-admin-user-detail.ts';

const pageQuery = z.object({
  q: z.string().trim().max(254).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export function registerAdminRoutes(app: FastifyInstance, ctx: AppContext, guards: AuthGuards): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema };
  const security = [{ bearerAuth: [] }];

  r.get(
    '/api/admin/overview',
    {
      schema: {
        tags: ['admin'],
        security,
        response: { 200: z.object({ users: z.number(), admins: z.number() }), ...errors },
      },
      preHandler: guards.requireAdmin,
    },
    async () => countUsersByRole(ctx.database.db),
  );

  r.get(
    '/api/admin/users',
    {
      schema: {
        tags: ['admin'],
        security,
        querystring: pageQuery,
        response: { 200: z.object({ items: z.array(publicUserSchema), total: z.number() }), ...errors },
      },
      preHandler: guards.requireAdmin,
    },
    async (request) => {
      const { rows, total } = await listUsers(ctx.database.db, request.query);
      return { items: rows.map(toPublicUser), total };
    },
  );

  // Registered before `/:id`; Fastify prefers the static segment anyway.
  r.get(
    '/api/admin/users/below-level',
    {
      schema: {
        tags: ['admin'],
        summary: 'People whose volume fell below the level NFT they hold (reversed trades)',
        security,
        querystring: belowLevelQuerySchema,
        response: { 200: belowLevelListSchema, ...errors },
      },
      preHandler: guards.requireAdmin,
    },
    async (request) => listUsersBelowLevel(ctx.database.db, request.query),
  );

  r.get(
    '/api/admin/users/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'One user: volume, NFTs and unlock/upgrade requests',
        security,
        params: z.object({ id: z.uuid() }),
        response: { 200: adminUserDetailSchema, ...errors, 404: errorBodySchema },
      },
      preHandler: guards.requireAdmin,
    },
    async (request) => loadAdminUserDetail(ctx.database.db, request.params.id),
  );
}
