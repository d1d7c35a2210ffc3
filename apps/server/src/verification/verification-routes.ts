import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  badgeVerificationParamsSchema,
  badgeVerificationSchema,
  errorBodySchema,
  nftVerificationParamsSchema,
  nftVerificationSchema,
} from '@insignia/contract';
import type { VerificationService } from './verification-service.ts';

/** Public and read-only, but each call reads the chain: limited per client like other public routes. */
const PER_MINUTE = 60;
/** Shared links get opened in bursts; the holder read may be a minute old. */
const CACHE = 'public, max-age=60';

/** `GET /api/public/badges/:issuanceId` and `GET /api/public/nfts/:mintAddress`: no login. */
export function registerVerificationRoutes(
  app: FastifyInstance,
  deps: { verification: VerificationService },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 400: errorBodySchema, 404: errorBodySchema, 429: errorBodySchema };
  const rateLimit = { max: PER_MINUTE, timeWindow: '1 minute' };

  r.get(
    '/api/public/badges/:issuanceId',
    {
      schema: {
        tags: ['verification'],
        summary: 'Public proof of a badge issuance: what, who issued it, when, on chain or recorded',
        params: badgeVerificationParamsSchema,
        response: { 200: badgeVerificationSchema, ...errors },
      },
      config: { rateLimit },
    },
    async (request, reply) => {
      const body = await deps.verification.badge(request.params.issuanceId);
      return reply.header('cache-control', CACHE).send(body);
    },
  );

  r.get(
    '/api/public/nfts/:mintAddress',
    {
      schema: {
        tags: ['verification'],
        summary: 'Public proof of a level NFT: its level, mint, transaction and current holder',
        params: nftVerificationParamsSchema,
        response: { 200: nftVerificationSchema, ...errors },
      },
      config: { rateLimit },
    },
    async (request, reply) => {
      const body = await deps.verification.nft(request.params.mintAddress);
      return reply.header('cache-control', CACHE).send(body);
    },
  );
}
