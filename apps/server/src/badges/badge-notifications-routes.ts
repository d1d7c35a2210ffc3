import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  badgeNotificationsQuerySchema,
  badgeNotificationsSchema,
  errorBodySchema,
  readBadgeNotificationsResultSchema,
  readBadgeNotificationsSchema,
} from '@insignia/contract';
import { currentUser, type AuthGuards } from '../auth/auth-guards.ts';
import type { BadgeNotificationsService } from './badge-notifications-service.ts';

export function registerBadgeNotificationsRoutes(
  app: FastifyInstance,
  deps: { guards: AuthGuards; notifications: BadgeNotificationsService },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const security = [{ bearerAuth: [] }];
  const errors = { 400: errorBodySchema, 401: errorBodySchema };

  r.get(
    '/api/badges/notifications',
    {
      schema: {
        tags: ['badges'],
        summary: 'Badge notifications, unread first',
        security,
        querystring: badgeNotificationsQuerySchema,
        response: { 200: badgeNotificationsSchema, ...errors },
      },
      preHandler: deps.guards.requireUser,
    },
    async (request) => deps.notifications.list(currentUser(request).id, request.query),
  );

  r.post(
    '/api/badges/notifications/read',
    {
      schema: {
        tags: ['badges'],
        summary: 'Acknowledge some badge notifications ({ ids }) or all of them ({ all: true })',
        security,
        body: readBadgeNotificationsSchema,
        response: { 200: readBadgeNotificationsResultSchema, ...errors },
      },
      preHandler: deps.guards.requireUser,
    },
    async (request) => deps.notifications.markRead(currentUser(request).id, request.body),
  );
}
