import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { adminDashboardSchema, errorBodySchema } from '@insignia/contract';
import type { AppContext } from '../app/app-context.ts';
import type { AuthGuards } from '../auth/auth-guards.ts';
import { loadAdminDashboard } from './load-admin-dashboard.ts';

/** The dashboard must answer even when Solana does not: the balance is then shown as unknown. */
const BALANCE_TIMEOUT_MS = 3_000;

/** `GET /api/admin/dashboard`: counts and everything that needs an admin's attention. */
export function registerAdminDashboardRoutes(
  app: FastifyInstance,
  ctx: Pick<AppContext, 'database' | 'chain' | 'config' | 'logger'>,
  guards: AuthGuards,
): void {
  const lowThresholdLamports = BigInt(Math.round(ctx.config.AUTHORITY_LOW_BALANCE_SOL * 1e9));

  async function readBalance(): Promise<bigint | undefined> {
    try {
      const { value } = await ctx.chain.rpc.rpc
        .getBalance(ctx.chain.authority.address)
        .send({ abortSignal: AbortSignal.timeout(BALANCE_TIMEOUT_MS) });
      return value;
    } catch (err) {
      ctx.logger.warn({ err }, 'dashboard could not read the authority balance');
      return undefined;
    }
  }

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/admin/dashboard',
    {
      schema: {
        tags: ['admin'],
        summary: 'Counts, queues needing attention, authority balance and recent activity',
        security: [{ bearerAuth: [] }],
        response: {
          200: adminDashboardSchema,
          401: errorBodySchema,
          403: errorBodySchema,
        },
      },
      preHandler: guards.requireAdmin,
    },
    async () =>
      loadAdminDashboard(ctx.database.db, {
        address: ctx.chain.authority.address,
        lowThresholdLamports,
        readBalance,
      }),
  );
}
