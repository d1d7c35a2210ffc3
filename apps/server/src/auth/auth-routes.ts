import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  authResponseSchema,
  credentialsSchema,
  loginSchema,
  errorBodySchema,
  linkWalletSchema,
  meResponseSchema,
  siwsChallengeQuerySchema,
  siwsChallengeSchema,
} from '@insignia/contract';
import type { AppContext } from '../app/app-context.ts';
import { recordAuditEvent } from '../audit/audit-event-store.ts';
import { clientKey } from '../rate-limit/client-key.ts';
import { currentUser, type AuthGuards } from './auth-guards.ts';
import { toPublicUser } from './user-queries.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 409: errorBodySchema, 429: errorBodySchema };

export function registerAuthRoutes(app: FastifyInstance, ctx: AppContext, guards: AuthGuards): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const perMinute = ctx.config.LOGIN_RATE_LIMIT_PER_MINUTE;

  r.post(
    '/api/auth/register',
    {
      schema: { tags: ['auth'], body: credentialsSchema, response: { 201: authResponseSchema, ...errors } },
      config: { rateLimit: { max: perMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      await ctx.rateLimits.registration(request.body.email);
      const { token, user } = await ctx.auth.register(request.body);
      return reply.status(201).send({ token, user: toPublicUser(user) });
    },
  );

  r.post(
    '/api/auth/login',
    {
      schema: { tags: ['auth'], body: loginSchema, response: { 200: authResponseSchema, ...errors } },
      config: { rateLimit: { max: perMinute, timeWindow: '1 minute' } },
    },
    async (request) => {
      const { token, user } = await ctx.rateLimits.login.guard(
        { email: request.body.email, client: clientKey(request.ip) },
        () => ctx.auth.login(request.body),
      );
      if (user.role === 'admin')
        await recordAuditEvent(ctx.database.db, {
          action: 'admin.signed_in',
          actorId: user.id,
          details: { client: request.ip },
        });
      return { token, user: toPublicUser(user) };
    },
  );

  r.get(
    '/api/me',
    {
      schema: {
        tags: ['auth'],
        security: [{ bearerAuth: [] }],
        response: { 200: meResponseSchema, 401: errorBodySchema },
      },
      preHandler: guards.requireUser,
    },
    (request) => ({ user: toPublicUser(currentUser(request)) }),
  );

  r.get(
    '/api/auth/siws/challenge',
    {
      schema: {
        tags: ['auth'],
        security: [{ bearerAuth: [] }],
        querystring: siwsChallengeQuerySchema,
        response: { 200: siwsChallengeSchema, ...errors },
      },
      // Per client address; each user also has their own limit (siws-service.ts). A client
      // may register `perMinute` accounts a minute, and each may need a few challenges.
      config: { rateLimit: { max: perMinute * 3, timeWindow: '1 minute' } },
      preHandler: guards.requireUser,
    },
    async (request) => ctx.siws.createChallenge(currentUser(request).id, request.query.address),
  );

  r.put(
    '/api/me/wallet',
    {
      schema: {
        tags: ['auth'],
        security: [{ bearerAuth: [] }],
        body: linkWalletSchema,
        response: { 200: meResponseSchema, ...errors },
      },
      preHandler: guards.requireUser,
    },
    async (request) => {
      const user = await ctx.siws.linkWallet(currentUser(request).id, request.body);
      return { user: toPublicUser(user) };
    },
  );
}
