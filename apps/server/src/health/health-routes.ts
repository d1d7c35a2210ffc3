import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/app-context.ts';

const checkSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  checks: z.record(z.string(), z.string()),
});

/** Liveness (the process answers) and readiness (its dependencies answer). */
export function registerHealthRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/healthz',
    { schema: { tags: ['ops'], response: { 200: z.object({ status: z.literal('ok') }) } } },
    async () => ({
      status: 'ok' as const,
    }),
  );

  r.get(
    '/readyz',
    { schema: { tags: ['ops'], response: { 200: checkSchema, 503: checkSchema } } },
    async (_request, reply) => {
      const checks: Record<string, string> = {};
      checks.database = await ctx.database.ping().then(
        () => 'ok',
        (e: unknown) => `error: ${(e as Error).message}`,
      );
      if (ctx.redis) {
        checks.redis = await ctx.redis.ping().then(
          () => 'ok',
          (e: unknown) => `error: ${(e as Error).message}`,
        );
      }
      const ok = Object.values(checks).every((v) => v === 'ok');
      return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', checks });
    },
  );
}
