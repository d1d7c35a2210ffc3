import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { claimsSchema, errorBodySchema, submitClaimsSchema } from '@insignia/contract';
import { currentUser, type AuthGuards } from '../auth/auth-guards.ts';
import type { ClaimService } from './claim-service.ts';

/** The user's claims: submit some vaulted badges to the profile wallet, and follow them. */
export function registerClaimRoutes(
  app: FastifyInstance,
  deps: { guards: AuthGuards; claims: ClaimService },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const security = [{ bearerAuth: [] }];

  r.post(
    '/api/badges/claims',
    {
      schema: {
        tags: ['badges'],
        summary: 'Claim badges from the vault to the profile wallet (no wallet in the body)',
        security,
        body: submitClaimsSchema,
        response: {
          201: claimsSchema,
          400: errorBodySchema,
          401: errorBodySchema,
          404: errorBodySchema,
          409: errorBodySchema,
        },
      },
      preHandler: deps.guards.requireUser,
    },
    async (request, reply) =>
      reply
        .status(201)
        .send({ items: await deps.claims.submit(currentUser(request).id, request.body.issuanceIds) }),
  );

  r.get(
    '/api/badges/claims',
    {
      schema: {
        tags: ['badges'],
        summary: "The user's claims and their status, newest first",
        security,
        response: { 200: claimsSchema, 401: errorBodySchema },
      },
      preHandler: deps.guards.requireUser,
    },
    async (request) => ({ items: await deps.claims.list(currentUser(request).id) }),
  );
}
