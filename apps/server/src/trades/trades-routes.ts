import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBodySchema, ingestTradesResponseSchema, ingestTradesSchema } from '@insignia/contract';
import type { AuthGuards } from '../auth/auth-guards.ts';
import type { TradeIngestion } from './trade-ingestion.ts';

/** 10,000 trades of ~200 bytes each, with room to spare. */
const TRADES_BODY_LIMIT = 8 * 1024 * 1024;

export function registerTradesRoutes(
  app: FastifyInstance,
  deps: { trades: TradeIngestion; guards: AuthGuards },
): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/trades',
    {
      bodyLimit: TRADES_BODY_LIMIT,
      schema: {
        tags: ['trades'],
        summary: 'Ingest trades and reversals of trades (service API key); idempotent by row id',
        security: [{ apiKey: [] }],
        body: ingestTradesSchema,
        response: {
          200: ingestTradesResponseSchema,
          400: errorBodySchema,
          401: errorBodySchema,
          413: errorBodySchema,
        },
      },
      // The key is checked before the body is parsed: no work for callers without it.
      onRequest: deps.guards.requireApiKey,
    },
    async (request) => {
      const { inserted, duplicates, pending, reversed, rejected } = await deps.trades.ingest(
        request.body.trades,
      );
      return { inserted, duplicates, pending, reversed, rejected };
    },
  );
}
