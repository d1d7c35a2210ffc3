import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { registerAdminDashboardRoutes } from '../admin/admin-dashboard-routes.ts';
import { registerAdminRoutes } from '../admin/admin-routes.ts';
import type { AppContext } from '../app/app-context.ts';
import { createAuthGuards } from '../auth/auth-guards.ts';
import { registerAuthRoutes } from '../auth/auth-routes.ts';
import { registerClaimsFeatureRoutes } from '../claims/register-claims-feature-routes.ts';
import { registerFaucetRoutes } from '../chain/faucet-routes.ts';
import { registerBadgeRoutes } from '../badges/register-badge-routes.ts';
import { AppError } from '../errors/app-error.ts';
import { registerHealthRoutes } from '../health/health-routes.ts';
import { registerLiveRoutes } from '../live/live-routes.ts';
import { registerIpfsRoutes } from '../ipfs/ipfs-routes.ts';
import { registerMailOutboxRoutes } from '../mail/mail-outbox-routes.ts';

import { registerReconciliationRoutes } from '../reconciliation/reconciliation-routes.ts';

import { registerNftAdminRoutes } from '../nft/nft-admin-routes.ts';
import { registerNftRequestRoutes } from '../nft/nft-request-routes.ts';
import { registerNftRoutes } from '../nft/nft-routes.ts';
import { registerTradesRoutes } from '../trades/trades-routes.ts';
import { registerErrorHandling } from './error-handler.ts';
import { registerHttpMetrics } from './metrics.ts';
import { registerPublicConfigRoutes } from './public-config-routes.ts';
import { requestIdFrom } from './request-id.ts';
import { defaultWebRoot, registerWebApp } from './web-app.ts';

export const BODY_LIMIT_BYTES = 1024 * 1024;

/** The whole HTTP app as one Fastify instance; `main.ts` only listens. Tests use `inject`. */
export async function buildApp(
  ctx: AppContext,
  options: { webRoot?: string | null } = {},
): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    loggerInstance: ctx.logger as FastifyBaseLogger,
    genReqId: requestIdFrom,
    bodyLimit: BODY_LIMIT_BYTES,
  });
  // JSON only: a text body is refused with 415 rather than half-validated as a string.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });

  await app.register(fastifyHelmet, {
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
    // With Redis every instance shares the counters; if Redis is down, requests go through.
    ...(ctx.redis ? { redis: ctx.redis, nameSpace: 'insignia:rl:', skipOnError: true } : {}),
    errorResponseBuilder: (_request, context) =>
      new AppError('RATE_LIMITED', { details: { retryAfterSeconds: Math.ceil(context.ttl / 1000) } }),
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
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerHttpMetrics(app, ctx.metrics);
  const guards = createAuthGuards({
    tokens: ctx.tokens,
    auth: ctx.auth,
    ingestApiKey: ctx.config.ingestApiKey,
  });
  registerHealthRoutes(app, ctx);
  registerPublicConfigRoutes(app, ctx);
  registerAuthRoutes(app, ctx, guards);
  registerAdminRoutes(app, ctx, guards);
  registerAdminDashboardRoutes(app, ctx, guards);
  registerTradesRoutes(app, { trades: ctx.trades, guards });
  registerNftRoutes(app, { guards, status: ctx.nftStatus, levels: ctx.levels });
  registerNftRequestRoutes(app, { guards, requests: ctx.nftRequests });
  registerNftAdminRoutes(app, { guards, admin: ctx.nftAdmin });
  registerBadgeRoutes(app, { guards, badges: ctx.badges });
  registerClaimsFeatureRoutes(app, { guards, claims: ctx.claims });
  registerFaucetRoutes(app, { guards, rpc: ctx.chain.rpc.rpc, localValidator: ctx.chain.localValidator });
  registerIpfsRoutes(app, { ipfs: ctx.ipfs });
  registerMailOutboxRoutes(app, { guards, mailer: ctx.mailer, enabled: !ctx.config.SMTP_URL });
  registerReconciliationRoutes(app, { guards, reconciliation: ctx.reconciliation });
  registerLiveRoutes(app, { hub: ctx.live, tokens: ctx.tokens, auth: ctx.auth });
  await registerWebApp(app, options.webRoot === undefined ? defaultWebRoot : options.webRoot);
  return app;
}
