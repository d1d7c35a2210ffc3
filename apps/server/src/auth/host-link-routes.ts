import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBodySchema, hostLinkSchema, meResponseSchema } from '@insignia/contract';
import type { AppContext } from '../app/app-context.ts';
import { clientKey } from '../rate-limit/client-key.ts';
import { currentUser, type AuthGuards } from './auth-guards.ts';
import { toPublicUser } from './user-queries.ts';

/** Links a host-platform identity to the logged-in password account (never an admin). */
export function registerHostLinkRoutes(
  app: FastifyInstance,
  ctx: Pick<AppContext, 'config' | 'auth' | 'rateLimits'>,
  guards: AuthGuards,
): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/auth/host-link',
    {
      schema: {
        tags: ['auth'],
        summary: 'Link a host-platform identity: a valid host token and this account’s password',
        security: [{ bearerAuth: [] }],
        body: hostLinkSchema,
        response: {
          200: meResponseSchema,
          400: errorBodySchema,
          401: errorBodySchema,
          403: errorBodySchema,
          409: errorBodySchema,
          429: errorBodySchema,
        },
      },
      preHandler: guards.requireUser,
      // It checks a password: limited like login, per client and with the account's backoff.
      config: { rateLimit: { max: ctx.config.LOGIN_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } },
    },
    async (request) => {
      const user = currentUser(request);
      const linked = await ctx.rateLimits.login.guard(
        { email: user.email, client: clientKey(request.ip) },
        () => ctx.auth.linkHostIdentity(user.id, request.body),
      );
      return { user: toPublicUser(linked) };
    },
  );
}
