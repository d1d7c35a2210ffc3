import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createIssuanceResultSchema,
  createIssuanceSchema,
  errorBodySchema,
  issuanceBatchDetailSchema,
  issuanceBatchesQuerySchema,
  issuanceBatchesSchema,
  issuancePreviewRequestSchema,
  issuancePreviewSchema,
  issuanceBatchQuerySchema,
  issuanceSchema,
  issuanceTransactionsSchema,
  submitSignedIssuancesResultSchema,
  submitSignedIssuancesSchema,
} from '@insignia/contract';
import { currentUser, type AuthGuards } from '../auth/auth-guards.ts';
import type { IssuanceService } from './issuance-service.ts';
import type { IssuanceWalletSigning } from './issuance-wallet-signing.ts';

const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  402: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
  503: errorBodySchema,
};
/** A batch id, or (for `/retry`) an issuance id. */
const idParams = z.object({ id: z.uuid() });

/** `/api/admin/issuances`: preview, start, follow, sign (admin wallet) and retry issuances. */
export function registerIssuanceRoutes(
  app: FastifyInstance,
  deps: { guards: AuthGuards; issuances: IssuanceService; walletSigning: IssuanceWalletSigning },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = { tags: ['admin', 'badges'], security: [{ bearerAuth: [] }] };
  // On request, before the body is even parsed: a non-admin learns nothing about the API.
  const onRequest = deps.guards.requireAdmin;
  const { issuances, walletSigning } = deps;

  r.post(
    '/api/admin/issuances/preview',
    {
      schema: {
        ...base,
        summary: 'Check a roster row by row and estimate the on-chain cost; changes nothing',
        body: issuancePreviewRequestSchema,
        response: { 200: issuancePreviewSchema, ...errors },
      },
      onRequest,
    },
    async (request) => issuances.preview(currentUser(request).id, request.body),
  );
  r.post(
    '/api/admin/issuances',
    {
      schema: {
        ...base,
        summary: 'Start a batch issuance; rejected rows are reported, the rest are issued',
        body: createIssuanceSchema,
        response: { 201: createIssuanceResultSchema, ...errors },
      },
      onRequest,
    },
    async (request, reply) =>
      reply.status(201).send(await issuances.create(currentUser(request).id, request.body)),
  );
  r.get(
    '/api/admin/issuances',
    {
      schema: {
        ...base,
        summary: 'Issuance batches, newest first',
        querystring: issuanceBatchesQuerySchema,
        response: { 200: issuanceBatchesSchema, ...errors },
      },
      onRequest,
    },
    async (request) => issuances.listBatches(request.query),
  );
  r.get(
    '/api/admin/issuances/:id',
    {
      schema: {
        ...base,
        summary: 'A batch with its progress and its issuances',
        params: idParams,
        querystring: issuanceBatchQuerySchema,
        response: { 200: issuanceBatchDetailSchema, ...errors },
      },
      onRequest,
    },
    async (request) => issuances.getBatch(request.params.id, request.query),
  );
  r.get(
    '/api/admin/issuances/:id/transactions',
    {
      schema: {
        ...base,
        summary: 'admin_wallet batches: the prepared transactions for signAllTransactions',
        params: idParams,
        response: { 200: issuanceTransactionsSchema, ...errors },
      },
      onRequest,
    },
    async (request) => walletSigning.transactions(currentUser(request).id, request.params.id),
  );
  r.post(
    '/api/admin/issuances/:id/signed',
    {
      schema: {
        ...base,
        summary: 'admin_wallet batches: hand back the signed transactions; they are checked, then sent',
        params: idParams,
        body: submitSignedIssuancesSchema,
        response: { 200: submitSignedIssuancesResultSchema, ...errors },
      },
      onRequest,
    },
    async (request) =>
      walletSigning.submitSigned(currentUser(request).id, request.params.id, request.body.transactions),
  );
  r.post(
    '/api/admin/issuances/:id/retry',
    {
      schema: {
        ...base,
        summary: 'Retry one failed issuance (the id is an issuance id)',
        params: idParams,
        response: { 200: issuanceSchema, ...errors },
      },
      onRequest,
    },
    async (request) => issuances.retry(currentUser(request).id, request.params.id),
  );
}
