import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { endSessionsResponseSchema, errorBodySchema } from '@insignia/contract';
import type { AppContext } from '../app/app-context.ts';
import { recordAuditEvent } from '../audit/audit-event-store.ts';
import { AppError } from '../errors/app-error.ts';
import { currentUserId, type AuthGuards } from './auth-guards.ts';
import { findUserById } from './user-queries.ts';

/** Ending sessions: the caller's own (logout), or every session of a user (an admin). */
export function registerSessionRoutes(app: FastifyInstance, ctx: AppContext, guards: AuthGuards): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const security = [{ bearerAuth: [] }];

  r.post(
    '/api/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'End this session: its token is refused from now on, and its live sockets close',
        security,
        response: { 204: z.null(), 401: errorBodySchema },
      },
      preHandler: guards.requireToken,
    },
    async (request, reply) => {
      // A host-platform token has no Insignia session: the host platform ends it.
      if (request.sessionId) await ctx.sessions.end(currentUserId(request), request.sessionId);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/admin/users/:id/sessions/end',
    {
      schema: {
        tags: ['admin'],
        summary: 'End every session of a user (their tokens stop working, live sockets close)',
        security,
        params: z.object({ id: z.uuid() }),
        response: {
          200: endSessionsResponseSchema,
          400: errorBodySchema,
          401: errorBodySchema,
          403: errorBodySchema,
          404: errorBodySchema,
        },
      },
      preHandler: guards.requireAdmin,
    },
    async (request) => {
      const user = await findUserById(ctx.database.db, request.params.id);
      if (!user) throw new AppError('USER__NOT_FOUND');
      const endedSessions = await ctx.sessions.endAll(user.id);
      await recordAuditEvent(ctx.database.db, {
        action: 'account.sessions_ended',
        actorId: currentUserId(request),
        userId: user.id,
        details: { endedSessions },
      });
      return { endedSessions };
    },
  );
}
