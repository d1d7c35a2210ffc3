import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { simpleParser } from 'mailparser';
import { z } from 'zod';
import { errorBodySchema } from '@insignia/contract';
import type { AuthGuards } from '../auth/auth-guards.ts';
import type { Mailer } from './mailer.ts';

const LISTED = 100;

/**
 * In embedded mode mail is written as `.eml` files instead of sent: the console lists them so
 * an operator can read exactly what users would have received.
 */
export function registerMailOutboxRoutes(
  app: FastifyInstance,
  deps: { guards: AuthGuards; mailer: Mailer; enabled: boolean },
): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/admin/mail/outbox',
    {
      schema: {
        tags: ['admin'],
        summary: 'Emails written to the embedded outbox (newest first); disabled when SMTP is configured',
        security: [{ bearerAuth: [] }],
        response: {
          200: z.object({
            enabled: z.boolean(),
            items: z.array(
              z.object({
                name: z.string(),
                createdAt: z.string(),
                to: z.string().nullable(),
                subject: z.string().nullable(),
                text: z.string().nullable(),
              }),
            ),
          }),
          401: errorBodySchema,
          403: errorBodySchema,
        },
      },
      preHandler: deps.guards.requireAdmin,
    },
    async () => {
      if (!deps.enabled) return { enabled: false, items: [] };
      const files = (await deps.mailer.listOutbox())
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
        .slice(0, LISTED);
      const items = await Promise.all(
        files.map(async (file) => {
          const parsed = await simpleParser(await deps.mailer.readOutbox(file.name));
          const to = Array.isArray(parsed.to)
            ? parsed.to.map((a) => a.text).join(', ')
            : (parsed.to?.text ?? null);
          return {
            name: file.name,
            createdAt: file.createdAt.toISOString(),
            to,
            subject: parsed.subject ?? null,
            text: parsed.text ?? null,
          };
        }),
      );
      return { enabled: true, items };
    },
  );
}
