import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/app-context.ts';
import { isShuttingDown } from '../http/shutdown-gate.ts';

const checkSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  checks: z.record(z.string(), z.enum(['ok', 'unavailable'])),
});

/** Liveness (the process answers) and readiness (its dependencies answer). */
export function registerHealthRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/healthz',
    { schema: { tags: ['ops'], response: { 200: z.object({ status: z.literal('ok') }) } } },
    () => ({ status: 'ok' as const }),
  );

  r.get(
    '/readyz',
    { schema: { tags: ['ops'], response: { 200: checkSchema, 503: checkSchema } } },
    async (request, reply) => {
      // Each check says ok or unavailable; why is logged, not answered: driver errors name
      // hosts, users and databases.
      const check = (name: string, ping: () => Promise<unknown>) =>
        ping().then(
          () => 'ok' as const,
          (e: unknown) => {
            request.log.warn({ check: name, err: e }, 'readiness check failed');
            return 'unavailable' as const;
          },
        );
      const checks: Record<string, 'ok' | 'unavailable'> = {};
      // Draining for a shutdown: take no new work here, whatever the dependencies say.
      if (isShuttingDown(app))
        return reply.status(503).send({ status: 'unavailable', checks: { shutdown: 'unavailable' } });
      checks.database = await check('database', () => ctx.database.ping());
      const redis = ctx.redis;
      if (redis) checks.redis = await check('redis', () => redis.ping());
      const ok = Object.values(checks).every((v) => v === 'ok');
      return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', checks });
    },
  );
}
