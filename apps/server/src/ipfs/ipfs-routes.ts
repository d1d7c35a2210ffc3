import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errorBodySchema } from '@insignia/contract';
import type { IpfsStore } from './ipfs-store.ts';
import { parseCid } from './parse-cid.ts';

/** Content under a CID never changes, so caches may keep it for a year without asking again. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/**
 * Payloads are served from the app's own origin: an uploaded SVG or HTML must not run script
 * or load anything there, whatever a browser makes of it.
 */
const SANDBOX_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox";

/** `GET /ipfs/:cid`: the embedded IPFS gateway, serving what the store holds or can fetch. */
export function registerIpfsRoutes(
  app: FastifyInstance,
  deps: { ipfs: Pick<IpfsStore, 'getWithContentType'> },
): void {
  // Typed by hand: the 200 body is raw bytes, which a zod response schema cannot describe.
  app.get<{ Params: { cid: string } }>(
    '/ipfs/:cid',
    {
      schema: {
        tags: ['ipfs'],
        summary: 'IPFS gateway for the metadata and images Insignia has stored',
        params: z.object({ cid: z.string() }),
        response: { 400: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request, reply) => {
      const cid = parseCid(request.params.cid);
      const etag = `"${cid.toV1().toString()}"`;
      if (matchesEtag(request.headers['if-none-match'], etag)) {
        return reply.headers(successHeaders(etag, request.params.cid)).status(304).send();
      }
      // Fetched before any header is set: a 404 must not be cached as immutable.
      const { bytes, contentType } = await deps.ipfs.getWithContentType(cid);
      return reply
        .headers(successHeaders(etag, request.params.cid))
        .header('content-type', contentType)
        .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    },
  );
}

function successHeaders(etag: string, path: string): Record<string, string> {
  return {
    'cache-control': IMMUTABLE,
    etag,
    'x-ipfs-path': `/ipfs/${path}`,
    'x-content-type-options': 'nosniff',
    'content-security-policy': SANDBOX_CSP,
    // Wallets and explorers load NFT metadata and images from other origins, as from any gateway.
    'access-control-allow-origin': '*',
    'cross-origin-resource-policy': 'cross-origin',
  };
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}
