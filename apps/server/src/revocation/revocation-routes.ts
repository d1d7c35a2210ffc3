import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  errorBodySchema,
  revocationPreviewSchema,
  revocationSchema,
  revocationsQuerySchema,
  revocationsSchema,
  revokeBadgeSchema,
} from '@insignia/contract';
import { currentUser, type AuthGuards } from '../auth/auth-guards.ts';
import type { RevocationFeature } from './create-revocation-feature.ts';

const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
};

/** Admin revocation: revoke an issuance with a reason, list revocations, preview one. */
export function registerRevocationRoutes(
  app: FastifyInstance,
  deps: { guards: AuthGuards; revocations: RevocationFeature },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const security = [{ bearerAuth: [] }];
  const preHandler = deps.guards.requireAdmin;

  r.post(
    '/api/admin/revocations',
    {
      schema: {
        tags: ['admin'],
        summary: 'Revoke an issued badge with a reason (201; a repeat answers 200 with the first revocation)',
        security,
        body: revokeBadgeSchema,
        response: { 200: revocationSchema, 201: revocationSchema, ...errors },
      },
      preHandler,
    },
    async (request, reply) => {
      const { created, revocation } = await deps.revocations.revoke(currentUser(request).id, request.body);
      return reply.code(created ? 201 : 200).send(revocation);
    },
  );

  r.get(
    '/api/admin/revocations',
    {
      schema: {
        tags: ['admin'],
        summary: 'Revocations, newest first, paged, with the state of their on-chain burn',
        security,
        querystring: revocationsQuerySchema,
        response: { 200: revocationsSchema, ...errors },
      },
      preHandler,
    },
    async (request) => deps.revocations.list(request.query),
  );

  r.get(
    '/api/admin/revocations/:issuanceId',
    {
      schema: {
        tags: ['admin'],
        summary: 'An issuance’s revocation, or what revoking it would do now',
        security,
        params: z.object({ issuanceId: z.uuid() }),
        response: { 200: revocationPreviewSchema, ...errors },
      },
      preHandler,
    },
    async (request) => deps.revocations.preview(request.params.issuanceId),
  );
}
