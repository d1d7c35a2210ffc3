import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBodySchema, webhookDestinationsSchema, type WebhookDestination } from '@insignia/contract';
import type { AuthGuards } from '../auth/auth-guards.ts';

/**
 * `GET /api/admin/webhooks/destinations`: every configured webhook URL with the secret its
 * receiver verifies with, so an admin can copy each into its receiver. Only admins see them.
 */
export function registerWebhookDestinationRoutes(
  app: FastifyInstance,
  deps: {
    guards: AuthGuards;
    destinations: Array<Pick<WebhookDestination, 'url' | 'purpose'>>;
    secretFor: (url: string) => string;
  },
): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/admin/webhooks/destinations',
    {
      schema: {
        tags: ['admin'],
        summary: 'Configured webhook URLs, each with the signing secret its receiver verifies with',
        security: [{ bearerAuth: [] }],
        response: { 200: webhookDestinationsSchema, 401: errorBodySchema, 403: errorBodySchema },
      },
      onRequest: deps.guards.requireAdmin,
    },
    async (_request, reply) => {
      void reply.header('cache-control', 'no-store');
      return {
        items: deps.destinations.map((d) => ({ ...d, secret: deps.secretFor(d.url) })),
      };
    },
  );
}
