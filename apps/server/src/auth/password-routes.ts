import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { changePasswordSchema, errorBodySchema, passwordChangedSchema } from '@insignia/contract';
import type { AppContext } from '../app/app-context.ts';
import { clientKey } from '../rate-limit/client-key.ts';
import { currentUser, type AuthGuards } from './auth-guards.ts';
import { createPasswordChangeService } from './password-change-service.ts';

/** `POST /api/me/password`: anyone with a password (trader or admin) changes their own. */
export function registerPasswordRoutes(
  app: FastifyInstance,
  ctx: Pick<AppContext, 'database' | 'passwords' | 'sessions' | 'rateLimits' | 'config'>,
  guards: AuthGuards,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const service = createPasswordChangeService({
    db: ctx.database.db,
    passwords: ctx.passwords,
    sessions: ctx.sessions,
  });
  const perMinute = ctx.config.LOGIN_RATE_LIMIT_PER_MINUTE;

  r.post(
    '/api/me/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change your password; your other sessions end, this one stays signed in',
        security: [{ bearerAuth: [] }],
        body: changePasswordSchema,
        response: {
          200: passwordChangedSchema,
          400: errorBodySchema,
          401: errorBodySchema,
          409: errorBodySchema,
          429: errorBodySchema,
        },
      },
      config: { rateLimit: { max: perMinute, timeWindow: '1 minute' } },
      preHandler: guards.requireUser,
    },
    async (request) => {
      const user = currentUser(request);
      // Guesses at the current password (from a stolen session) meet the login backoff.
      const { endedOtherSessions } = await ctx.rateLimits.login.guard(
        { email: user.email, client: clientKey(request.ip) },
        () => service.changePassword(user.id, request.sessionId, request.body),
      );
      return { endedOtherSessions };
    },
  );
}
