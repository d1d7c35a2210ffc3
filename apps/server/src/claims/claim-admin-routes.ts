import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  adminClaimSchema,
  adminClaimsQuerySchema,
  adminClaimsSchema,
  approveClaimSchema,
  errorBodySchema,
  preparedClaimTransactionSchema,
  rejectClaimSchema,
  submitSignedClaimSchema,
} from '@insignia/contract';
import { currentUser, type AuthGuards } from '../auth/auth-guards.ts';
import type { ClaimAdminService } from './claim-admin-service.ts';
import type { ClaimAdminWalletService } from './claim-admin-wallet-service.ts';

const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  402: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
  503: errorBodySchema,
};
const idParams = z.object({ id: z.uuid() });

/** The console's claim queue: list, approve (server key or the admin's wallet), reject. */
export function registerClaimAdminRoutes(
  app: FastifyInstance,
  deps: { guards: AuthGuards; admin: ClaimAdminService; adminWallet: ClaimAdminWalletService },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const security = [{ bearerAuth: [] }];
  const preHandler = deps.guards.requireAdmin;

  r.get(
    '/api/admin/claims',
    {
      schema: {
        tags: ['admin'],
        summary: 'Claims by status (comma-separated), newest first, paged',
        security,
        querystring: adminClaimsQuerySchema,
        response: { 200: adminClaimsSchema, ...errors },
      },
      preHandler,
    },
    async (request) =>
      deps.admin.list({
        statuses: request.query.status,
        limit: request.query.limit,
        offset: request.query.offset,
      }),
  );

  r.get(
    '/api/admin/claims/:id',
    {
      schema: { tags: ['admin'], security, params: idParams, response: { 200: adminClaimSchema, ...errors } },
      preHandler,
    },
    async (request) => deps.admin.get(request.params.id),
  );

  r.post(
    '/api/admin/claims/:id/approve',
    {
      schema: {
        tags: ['admin'],
        summary: 'Approve: the server sends the transfer now, or prepares it for the admin wallet',
        security,
        params: idParams,
        body: approveClaimSchema,
        response: { 200: adminClaimSchema, ...errors },
      },
      preHandler,
    },
    async (request) => deps.admin.approve(request.params.id, currentUser(request), request.body),
  );

  r.post(
    '/api/admin/claims/:id/reject',
    {
      schema: {
        tags: ['admin'],
        summary: 'Reject with a reason; the badge stays in the vault and can be claimed again',
        security,
        params: idParams,
        body: rejectClaimSchema,
        response: { 200: adminClaimSchema, ...errors },
      },
      preHandler,
    },
    async (request) => deps.admin.reject(request.params.id, currentUser(request).id, request.body.reason),
  );

  r.get(
    '/api/admin/claims/:id/transaction',
    {
      schema: {
        tags: ['admin'],
        summary: 'The vault-signed transfer for the admin wallet to sign (admin_wallet mode)',
        security,
        params: idParams,
        response: { 200: preparedClaimTransactionSchema, ...errors },
      },
      preHandler,
    },
    async (request) => deps.adminWallet.transaction(request.params.id, currentUser(request).id),
  );

  r.post(
    '/api/admin/claims/:id/signed',
    {
      schema: {
        tags: ['admin'],
        summary: 'Hand back the transfer signed by the admin wallet; the server sends it',
        security,
        params: idParams,
        body: submitSignedClaimSchema,
        response: { 200: adminClaimSchema, ...errors },
      },
      preHandler,
    },
    async (request) =>
      deps.adminWallet.submitSigned(
        request.params.id,
        currentUser(request).id,
        request.body.signedTransaction,
      ),
  );
}
