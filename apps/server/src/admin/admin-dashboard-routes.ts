import type { Address } from '@solana/kit';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  adminDashboardChartsQuerySchema,
  adminDashboardChartsSchema,
  adminDashboardSchema,
  errorBodySchema,
} from '@insignia/contract';
import type { AppContext } from '../app/app-context.ts';
import type { AuthGuards } from '../auth/auth-guards.ts';
import { loadAdminCharts } from './load-admin-charts.ts';
import { loadAdminDashboard } from './load-admin-dashboard.ts';

/** The dashboard must answer even when Solana does not: the balance is then shown as unknown. */
const BALANCE_TIMEOUT_MS = 3_000;

/** `GET /api/admin/dashboard` (counts, attention, balances) and `/charts` (series by day). */
export function registerAdminDashboardRoutes(
  app: FastifyInstance,
  ctx: Pick<AppContext, 'database' | 'chain' | 'config' | 'logger'>,
  guards: AuthGuards,
): void {
  const lowThresholdLamports = BigInt(Math.round(ctx.config.AUTHORITY_LOW_BALANCE_SOL * 1e9));
  const r = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 401: errorBodySchema, 403: errorBodySchema };

  async function readBalance(address: Address, whose: string): Promise<bigint | undefined> {
    try {
      const { value } = await ctx.chain.rpc.rpc
        .getBalance(address)
        .send({ abortSignal: AbortSignal.timeout(BALANCE_TIMEOUT_MS) });
      return value;
    } catch (err) {
      ctx.logger.warn({ err }, `dashboard could not read the ${whose} balance`);
      return undefined;
    }
  }

  r.get(
    '/api/admin/dashboard',
    {
      schema: {
        tags: ['admin'],
        summary: 'Counts, queues needing attention, authority and vault balances, recent activity',
        security: [{ bearerAuth: [] }],
        response: { 200: adminDashboardSchema, ...errors },
      },
      preHandler: guards.requireAdmin,
    },
    async () =>
      loadAdminDashboard(ctx.database.db, {
        address: ctx.chain.authority.address,
        lowThresholdLamports,
        readBalance: () => readBalance(ctx.chain.authority.address, 'authority'),
        vaultAddress: ctx.chain.vault.address,
        readVaultBalance: () => readBalance(ctx.chain.vault.address, 'vault'),
      }),
  );

  r.get(
    '/api/admin/dashboard/charts',
    {
      schema: {
        tags: ['admin'],
        summary: 'People per level and daily series (UTC days, zeros filled) for the dashboard charts',
        security: [{ bearerAuth: [] }],
        querystring: adminDashboardChartsQuerySchema,
        response: { 200: adminDashboardChartsSchema, 400: errorBodySchema, ...errors },
      },
      preHandler: guards.requireAdmin,
    },
    async (request) => loadAdminCharts(ctx.database.db, request.query.days),
  );
}
