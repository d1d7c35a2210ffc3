import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  awaitingVerificationSchema,
  emailCodeSentSchema,
  errorBodySchema,
  meResponseSchema,
  verifyEmailSchema,
} from '@insignia/contract';
import type { AppContext } from '../app/app-context.ts';
import { listPendingTradesByEmail } from '../trades/pending-trades-queries.ts';
import { currentUserId, type AuthGuards } from './auth-guards.ts';
import { toPublicUser } from './user-queries.ts';

const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  409: errorBodySchema,
  429: errorBodySchema,
};

/** The owner proves their address with an emailed code; admins see what waits for that. */
export function registerEmailVerificationRoutes(
  app: FastifyInstance,
  ctx: Pick<AppContext, 'config' | 'emailVerification' | 'heldGrants' | 'database'>,
  guards: AuthGuards,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Guessing codes is also bounded per code and per hour in the service; this caps the rate.
  const perMinute = ctx.config.LOGIN_RATE_LIMIT_PER_MINUTE;

  r.post(
    '/api/auth/email/code',
    {
      schema: {
        tags: ['auth'],
        summary: 'Email a verification code to the account address',
        security: [{ bearerAuth: [] }],
        response: { 202: emailCodeSentSchema, ...errors },
      },
      preHandler: guards.requireUser,
      config: { rateLimit: { max: perMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) =>
      reply.status(202).send(await ctx.emailVerification.sendCode(currentUserId(request))),
  );

  r.post(
    '/api/auth/email/verify',
    {
      schema: {
        tags: ['auth'],
        summary: 'Verify the account address with the emailed code',
        security: [{ bearerAuth: [] }],
        body: verifyEmailSchema,
        response: { 200: meResponseSchema, ...errors },
      },
      preHandler: guards.requireUser,
      config: { rateLimit: { max: perMinute, timeWindow: '1 minute' } },
    },
    async (request) => ({
      user: toPublicUser(await ctx.emailVerification.verify(currentUserId(request), request.body.code)),
    }),
  );

  r.get(
    '/api/admin/awaiting-verification',
    {
      schema: {
        tags: ['admin'],
        summary: 'Trades and roster rows waiting for an email address to be verified',
        security: [{ bearerAuth: [] }],
        response: { 200: awaitingVerificationSchema, 401: errorBodySchema, 403: errorBodySchema },
      },
      preHandler: guards.requireAdmin,
    },
    async () => {
      const [trades, grants] = await Promise.all([
        listPendingTradesByEmail(ctx.database.db),
        ctx.heldGrants.list(),
      ]);
      return { trades, grants: grants.map((g) => ({ ...g, createdAt: g.createdAt.toISOString() })) };
    },
  );
}
