import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  badgeVerificationParamsSchema,
  credentialDownloadQuerySchema,
  credentialIssuerSchema,
  credentialStatusListParamsSchema,
  credentialVerificationSchema,
  errorBodySchema,
} from '@insignia/contract';
import type { CredentialsService } from './credentials-service.ts';

/** Public like the verification pages; signing and verifying cost a few ms of CPU each. */
const PER_MINUTE = 60;
/** Verifiers fetch status lists for every credential they check. */
const STATUS_LIST_PER_MINUTE = 600;
/** A credential is a few KB; anything much larger is not one of ours. */
const VERIFY_BODY_LIMIT = 64 * 1024;
const LD_JSON = 'application/ld+json; charset=utf-8';

const jsonObject = z.record(z.string(), z.unknown());

/** `my-badge-1a2b3c4d.json`: the badge's name and the start of the issuance id. */
function downloadName(name: unknown, issuanceId: string): string {
  const slug =
    (typeof name === 'string' ? name : '')
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'badge';
  return `${slug}-${issuanceId.slice(0, 8)}.json`;
}

/**
 * Open Badges 3.0 credentials, no login: a badge's signed credential and its verification,
 * verification of any credential JSON, and the revocation status lists credentials point to.
 */
export function registerCredentialRoutes(
  app: FastifyInstance,
  deps: { credentials: CredentialsService },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 400: errorBodySchema, 404: errorBodySchema, 429: errorBodySchema };
  const rateLimit = { max: PER_MINUTE, timeWindow: '1 minute' };

  r.get(
    '/api/public/badges/:issuanceId/credential',
    {
      schema: {
        tags: ['credentials'],
        summary: 'The badge as a signed Open Badges 3.0 credential (JSON-LD, Data Integrity proof)',
        params: badgeVerificationParamsSchema,
        querystring: credentialDownloadQuerySchema,
        response: { 200: jsonObject, ...errors },
      },
      config: { rateLimit },
    },
    async (request, reply) => {
      const { issuanceId } = request.params;
      const credential = await deps.credentials.credential(issuanceId);
      if (request.query.download)
        void reply.header(
          'content-disposition',
          `attachment; filename="${downloadName(credential.name, issuanceId)}"`,
        );
      // Served as stored: the proof stays valid; revocation and expiry live in the status list.
      return reply.header('cache-control', 'public, max-age=300').type(LD_JSON).send(credential);
    },
  );

  r.get(
    '/api/public/badges/:issuanceId/credential/verification',
    {
      schema: {
        tags: ['credentials'],
        summary: 'The checks of a badge’s credential: signature, issuer, revocation, validity period',
        params: badgeVerificationParamsSchema,
        response: { 200: credentialVerificationSchema, ...errors },
      },
      config: { rateLimit },
    },
    async (request, reply) => {
      const body = await deps.credentials.verificationOf(request.params.issuanceId);
      return reply.header('cache-control', 'no-cache').send(body);
    },
  );

  r.post(
    '/api/public/credentials/verify',
    {
      bodyLimit: VERIFY_BODY_LIMIT,
      schema: {
        tags: ['credentials'],
        summary: 'Verify an Open Badges credential JSON: signature, issuer, revocation, validity period',
        body: jsonObject,
        response: { 200: credentialVerificationSchema, ...errors },
      },
      config: { rateLimit },
    },
    async (request, reply) => {
      const body = await deps.credentials.verify(request.body);
      return reply.header('cache-control', 'no-store').send(body);
    },
  );

  r.get(
    '/api/public/credentials/issuer',
    {
      schema: {
        tags: ['credentials'],
        summary: 'The issuer every credential of this platform names: its did:key, name and URL',
        response: { 200: credentialIssuerSchema, 429: errorBodySchema },
      },
      config: { rateLimit: { max: STATUS_LIST_PER_MINUTE, timeWindow: '1 minute' } },
    },
    async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=300').send(deps.credentials.issuer),
  );

  r.get(
    '/api/public/credentials/status/:list',
    {
      schema: {
        tags: ['credentials'],
        summary: 'A signed Bitstring Status List of revocations (BitstringStatusListCredential)',
        params: credentialStatusListParamsSchema,
        response: { 200: jsonObject, 304: z.null(), ...errors },
      },
      config: { rateLimit: { max: STATUS_LIST_PER_MINUTE, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const { credential, etag } = await deps.credentials.statusList(Number(request.params.list));
      // Always revalidated: a revocation must show at once.
      void reply.header('cache-control', 'no-cache').header('etag', etag);
      if (request.headers['if-none-match'] === etag) return reply.code(304).send(null);
      return reply.type(LD_JSON).send(credential);
    },
  );
}
