import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/app-context.ts';
import { createNetworkDetector } from '../verification/detect-network.ts';

/** The page must not wait on a slow RPC: without an answer in this time, no explorer links. */
const DETECT_WAIT_MS = 1500;
const within = <T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> =>
  Promise.race([promise, new Promise<T>((resolve) => setTimeout(() => resolve(fallback), ms).unref())]);

/** What the web app needs to know about this deployment before anyone logs in. */
export function registerPublicConfigRoutes(app: FastifyInstance, ctx: AppContext): void {
  const local = ctx.chain.bundledValidator !== undefined;
  // `local`, a public cluster's name (the app links its explorer), or `other`.
  const network = createNetworkDetector({ rpc: ctx.chain.rpc.rpc, bundledValidator: local });
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/config/public',
    {
      schema: {
        tags: ['ops'],
        response: { 200: z.object({ network: z.string(), localValidator: z.boolean() }) },
      },
    },
    async () => ({ network: await within(network(), DETECT_WAIT_MS, 'other'), localValidator: local }),
  );
}
