import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { registerAdminDashboardRoutes } from '../admin/admin-dashboard-routes.ts';
import { registerAdminRoutes } from '../admin/admin-routes.ts';
import type { AppContext } from '../app/app-context.ts';
import { RequestLogController } from '../app/logger.ts';
import { createAuthGuards } from '../auth/auth-guards.ts';
import { registerAuthRoutes } from '../auth/auth-routes.ts';
import { registerGuardsBeforeValidation } from '../auth/guards-before-validation.ts';
import { registerEmailVerificationRoutes } from '../auth/email-verification-routes.ts';
import { registerHostLinkRoutes } from '../auth/host-link-routes.ts';
import { registerPasswordRoutes } from '../auth/password-routes.ts';
import { registerSessionRoutes } from '../auth/session-routes.ts';
import { findUserById } from '../auth/user-queries.ts';
import { registerClaimsFeatureRoutes } from '../claims/register-claims-feature-routes.ts';
import { registerFaucetRoutes } from '../faucet/faucet-routes.ts';
import { registerBadgeRoutes } from '../badges/register-badge-routes.ts';
import { AppError } from '../errors/app-error.ts';
import { registerHealthRoutes } from '../health/health-routes.ts';
import { registerLiveRoutes } from '../live/live-routes.ts';
import { registerIpfsRoutes } from '../ipfs/ipfs-routes.ts';
import { registerMailOutboxRoutes } from '../mail/mail-outbox-routes.ts';

import { registerAuditRoutes } from '../audit/audit-routes.ts';
import { registerReconciliationRoutes } from '../reconciliation/reconciliation-routes.ts';
import { createRevocationFeature } from '../revocation/create-revocation-feature.ts';
import { registerRevocationRoutes } from '../revocation/revocation-routes.ts';
import { registerWebhookDestinationRoutes } from '../webhooks/webhook-destination-routes.ts';

import { registerNftAdminRoutes } from '../nft/nft-admin-routes.ts';
import { registerNftRequestRoutes } from '../nft/nft-request-routes.ts';
import { createBulkhead } from './bulkhead.ts';
import { registerNftRoutes } from '../nft/nft-routes.ts';
import { registerTradesRoutes } from '../trades/trades-routes.ts';
import { createCredentialsFeature } from '../credentials/create-credentials-feature.ts';
import { registerCredentialRoutes } from '../credentials/credentials-routes.ts';
import { createVerificationFeature } from '../verification/create-verification-feature.ts';
import { registerVerificationRoutes } from '../verification/verification-routes.ts';
import { registerErrorHandling } from './error-handler.ts';
import { registerHttpMetrics } from './metrics.ts';
import { registerPublicConfigRoutes } from './public-config-routes.ts';
import { registerNulRefusal } from './refuse-nul-characters.ts';
import { registerShutdownGate } from './shutdown-gate.ts';
import { registerStaticSecurityHeaders } from './static-security-headers.ts';
import { requestIdFrom } from './request-id.ts';
import { clientKey } from '../rate-limit/client-key.ts';
import { defaultWebRoot, registerWebApp } from './web-app.ts';

export const BODY_LIMIT_BYTES = 1024 * 1024;

/** A prepare queued longer than this is refused: the person would rather hear "try again". */
const NFT_PREPARE_MAX_WAIT_MS = 10_000;

/** The whole HTTP app as one Fastify instance; `main.ts` only listens. Tests use `inject`. */
export async function buildApp(
  ctx: AppContext,
  options: { webRoot?: string | null } = {},
): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    // pino's Logger and Fastify's logger type differ in a generic tsc cannot unify here.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    loggerInstance: ctx.logger as FastifyBaseLogger,
    // Per-request lines at debug; server errors and slow requests stay visible.
    logController: new RequestLogController(ctx.config.LOG_SLOW_REQUEST_MS),
    genReqId: requestIdFrom,
    bodyLimit: BODY_LIMIT_BYTES,
    // request.ip is the peer, or the client a trusted proxy names in X-Forwarded-For; an
    // untrusted peer's X-Forwarded-For is ignored, so clients cannot pick their own address.
    trustProxy: ctx.config.TRUST_PROXY.length ? ctx.config.TRUST_PROXY : false,
    return503OnClosing: false,
  });
  // JSON only: a text body is refused with 415 rather than half-validated as a string.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  registerShutdownGate(app);
  registerNulRefusal(app);
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });

  await registerStaticSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'https:'],
        'connect-src': ["'self'", 'ws:', 'wss:'],
      },
    },
  });
  await app.register(fastifyRateLimit, {
    global: false,
    // Shared through Redis; while Redis is down each instance counts alone (never fails open).
    store: ctx.rateLimits.routeStore,
    keyGenerator: (request) => clientKey(request.ip),
    errorResponseBuilder: (_request, context) =>
      new AppError('RATE_LIMITED', { retryAfterSeconds: Math.ceil(context.ttl / 1000) }),
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Insignia API',
        version: '0.1.0',
        description: 'Tiered loyalty NFTs and badges on Solana.',
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifyWebsocket, { options: { maxPayload: 4096 } });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

  registerHttpMetrics(app, ctx.metrics, ctx.config.metricsToken);
  const guards = createAuthGuards({
    tokens: ctx.tokens,
    auth: ctx.auth,
    sessions: ctx.sessions,
    ingestApiKey: ctx.config.ingestApiKey,
  });
  // Before any route: every guard runs in onRequest, ahead of parsing and validation.
  registerGuardsBeforeValidation(app, guards);
  registerHealthRoutes(app, ctx);
  registerPublicConfigRoutes(app, ctx);
  registerAuthRoutes(app, ctx, guards);
  registerPasswordRoutes(app, ctx, guards);
  registerHostLinkRoutes(app, ctx, guards);
  registerEmailVerificationRoutes(app, ctx, guards);
  registerSessionRoutes(app, ctx, guards);
  registerAdminRoutes(app, ctx, guards);
  registerAdminDashboardRoutes(app, ctx, guards);
  registerTradesRoutes(app, { trades: ctx.trades, guards });
  registerNftRoutes(app, { guards, status: ctx.nftStatus, levels: ctx.levels });
  registerNftRequestRoutes(app, {
    guards,
    requests: ctx.nftRequests,
    prepares: createBulkhead({
      running: ctx.config.NFT_PREPARE_CONCURRENCY,
      waiting: ctx.config.NFT_PREPARE_QUEUE,
      maxWaitMs: NFT_PREPARE_MAX_WAIT_MS,
    }),
  });
  registerNftAdminRoutes(app, { guards, admin: ctx.nftAdmin });
  registerBadgeRoutes(app, { guards, badges: ctx.badges });
  registerClaimsFeatureRoutes(app, { guards, claims: ctx.claims });
  registerFaucetRoutes(app, { guards, rpc: ctx.chain.rpc.rpc, validator: ctx.chain.bundledValidator });
  registerIpfsRoutes(app, { ipfs: ctx.ipfs });
  registerVerificationRoutes(app, { verification: createVerificationFeature(ctx) });
  registerCredentialRoutes(app, { credentials: createCredentialsFeature(ctx) });
  registerMailOutboxRoutes(app, { guards, mailer: ctx.mailer, enabled: !ctx.config.SMTP_URL });
  registerReconciliationRoutes(app, { guards, reconciliation: ctx.reconciliation });
  registerRevocationRoutes(app, { guards, revocations: createRevocationFeature(ctx) });
  registerAuditRoutes(app, { guards, db: ctx.database.db });
  registerWebhookDestinationRoutes(app, {
    guards,
    destinations: [
      ...(ctx.config.ADMIN_WEBHOOK_URL
        ? [{ url: ctx.config.ADMIN_WEBHOOK_URL, purpose: 'admin' as const }]
        : []),
      ...(ctx.config.EVENTS_WEBHOOK_URLS ?? []).map((url) => ({ url, purpose: 'events' as const })),
    ],
    secretFor: ctx.webhooks.secretFor,
  });
  registerLiveRoutes(app, {
    hub: ctx.live,
    tokens: ctx.tokens,
    auth: ctx.auth,
    sessions: ctx.sessions,
    currentRole: async (userId) => (await findUserById(ctx.database.db, userId))?.role,
    hostMaxAgeSeconds: ctx.config.HOST_JWT_MAX_AGE_SECONDS,
  });
  await registerWebApp(app, options.webRoot === undefined ? defaultWebRoot : options.webRoot);
  return app;
}
