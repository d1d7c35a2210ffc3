import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/app-context.ts';

/** What the web app needs to know about this deployment before anyone logs in. */
export function registerPublicConfigRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/config/public',
    {
      schema: {
        tags: ['ops'],
        response: { 200: z.object({ network: z.string(), localValidator: z.boolean() }) },
      },
    },
    () => {
      const local = ctx.chain.bundledValidator !== undefined;
      return { network: local ? 'local' : 'configured', localValidator: local };
    },
  );
}
