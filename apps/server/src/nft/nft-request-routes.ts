import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  errorBodySchema,
  nftRequestSchema,
  preparedNftTransactionSchema,
  submitNftRequestSchema,
} from '@insignia/contract';
import { currentUserId, type AuthGuards } from '../auth/auth-guards.ts';
import type { Bulkhead } from '../http/bulkhead.ts';
import type { NftRequestService } from './nft-request-service.ts';

const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  402: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
  503: errorBodySchema,
};

/**
 * Unlock and upgrade, as the Personal Center drives them. The guard checks the token and its
 * session (cached, cleared everywhere on logout) but reads no user row: the services need only
 * the id, and reading the row cost each step a database round trip.
 */
export function registerNftRequestRoutes(
  app: FastifyInstance,
  deps: { guards: AuthGuards; requests: NftRequestService; prepares: Bulkhead },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { prepares } = deps;
  const security = [{ bearerAuth: [] }];

  r.post(
    '/api/nft/unlock',
    {
      schema: {
        tags: ['nft'],
        summary: 'Prepare the first NFT mint for the wallet to sign',
        security,
        response: { 200: preparedNftTransactionSchema, ...errors },
      },
      preHandler: deps.guards.requireToken,
    },
    async (request) => prepares.run(() => deps.requests.unlock(currentUserId(request))),
  );

  r.post(
    '/api/nft/upgrade',
    {
      schema: {
        tags: ['nft'],
        summary: 'Prepare the upgrade (burn and mint) for the wallet to sign',
        security,
        response: { 200: preparedNftTransactionSchema, ...errors },
      },
      preHandler: deps.guards.requireToken,
    },
    async (request) => prepares.run(() => deps.requests.upgrade(currentUserId(request))),
  );

  r.post(
    '/api/nft/requests/:id/submit',
    {
      schema: {
        tags: ['nft'],
        summary: 'Hand back the signed transaction, or the signature of one the wallet sent',
        security,
        params: z.object({ id: z.uuid() }),
        body: submitNftRequestSchema,
        response: { 200: nftRequestSchema, ...errors },
      },
      preHandler: deps.guards.requireToken,
    },
    async (request) => deps.requests.submit(currentUserId(request), request.params.id, request.body),
  );

  r.get(
    '/api/nft/requests/:id',
    {
      schema: {
        tags: ['nft'],
        security,
        params: z.object({ id: z.uuid() }),
        response: { 200: nftRequestSchema, ...errors },
      },
      preHandler: deps.guards.requireToken,
    },
    async (request) => deps.requests.get(currentUserId(request), request.params.id),
  );
}
