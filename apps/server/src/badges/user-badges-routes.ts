import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBodySchema, unclaimedBadgesSchema, userBadgesSchema } from '@insignia/contract';
import { currentUser, type AuthGuards } from '../auth/auth-guards.ts';
import type { UserBadgesService } from './user-badges-service.ts';

/** The user's badges in the Personal Center: all of them, and those waiting in the vault. */
export function registerUserBadgesRoutes(
  app: FastifyInstance,
  deps: { guards: AuthGuards; userBadges: UserBadgesService },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const security = [{ bearerAuth: [] }];

  r.get(
    '/api/badges',
    {
      schema: {
        tags: ['badges'],
        summary: "The user's badges (database-only ones need no wallet)",
        security,
        response: { 200: userBadgesSchema, 401: errorBodySchema },
      },
      preHandler: deps.guards.requireUser,
    },
    async (request) => ({ items: await deps.userBadges.list(currentUser(request).id) }),
  );

  r.get(
    '/api/badges/unclaimed',
    {
      schema: {
        tags: ['badges'],
        summary: 'Badges waiting in the vault, and whether a wallet is on file to claim them to',
        security,
        response: { 200: unclaimedBadgesSchema, 401: errorBodySchema, 404: errorBodySchema },
      },
      preHandler: deps.guards.requireUser,
    },
    async (request) => deps.userBadges.unclaimed(currentUser(request).id),
  );
}
