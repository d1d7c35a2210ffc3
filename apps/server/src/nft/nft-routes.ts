import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema, levelInputSchema, levelSchema, nftStatusSchema } from '@insignia/contract';
import { currentUserId, type AuthGuards } from '../auth/auth-guards.ts';

import type { LevelService } from './level-service.ts';
import type { NftStatusService } from './nft-status-service.ts';

const levelParams = z.object({ level: z.coerce.number().int().min(1).max(100) });

export function registerNftRoutes(
  app: FastifyInstance,
  deps: { guards: AuthGuards; status: NftStatusService; levels: LevelService },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const security = [{ bearerAuth: [] }];
  const errors = {
    400: errorBodySchema,
    401: errorBodySchema,
    403: errorBodySchema,
    404: errorBodySchema,
    409: errorBodySchema,
  };

  // Registered without the type provider: the handler sends JSON text the service already
  // rendered through `nftStatusSchema` (see getJson), which Fastify passes through unserialized.
  app.get(
    '/api/nft/status',
    {
      schema: { tags: ['nft'], security, response: { 200: nftStatusSchema, 401: errorBodySchema } },
      // The hottest read: the token alone identifies the caller, no user row is loaded.
      preHandler: deps.guards.requireToken,
    },
    async (request, reply) =>
      reply.type('application/json; charset=utf-8').send(await deps.status.getJson(currentUserId(request))),
  );

  r.get(
    '/api/nft/levels',
    {
      schema: { tags: ['nft'], response: { 200: z.object({ levels: z.array(levelSchema) }) } },
    },
    async () => ({ levels: await deps.levels.list() }),
  );

  r.post(
    '/api/admin/levels',
    {
      schema: {
        tags: ['admin'],
        security,
        body: levelInputSchema,
        response: { 201: levelSchema, ...errors },
      },
      preHandler: deps.guards.requireAdmin,
    },
    async (request, reply) =>
      reply.status(201).send(await deps.levels.create(request.body, currentUserId(request))),
  );

  r.put(
    '/api/admin/levels/:level',
    {
      schema: {
        tags: ['admin'],
        security,
        params: levelParams,
        body: levelInputSchema,
        response: { 200: levelSchema, ...errors },
      },
      preHandler: deps.guards.requireAdmin,
    },
    async (request) => deps.levels.update(request.params.level, request.body, currentUserId(request)),
  );

  r.delete(
    '/api/admin/levels/:level',
    {
      schema: { tags: ['admin'], security, params: levelParams, response: { 204: z.null(), ...errors } },
      preHandler: deps.guards.requireAdmin,
    },
    async (request, reply) => {
      await deps.levels.removeTop(request.params.level, currentUserId(request));
      return reply.status(204).send(null);
    },
  );
}
