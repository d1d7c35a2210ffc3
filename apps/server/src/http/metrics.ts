// `schema.hide` is declared by @fastify/swagger; say so here, not only where the plugin is registered.
import type {} from '@fastify/swagger';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { queriesSent } from '../db/query-count.ts';
import { AppError } from '../errors/app-error.ts';

export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  new Counter({
    name: 'insignia_db_queries_total',
    help: 'Statements sent to PostgreSQL (round trips; 0 on the embedded database)',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(queriesSent());
    },
  });
  return registry;
}

/** Request latency by route template (not raw URL, so the label set stays bounded). */
export function registerHttpMetrics(app: FastifyInstance, registry: Registry, metricsToken: string): void {
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    duration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
  // Metrics show the authority's balance and the traffic: only a scraper holding the token reads them.
  const requireMetricsToken = bearerTokenGuard(metricsToken);
  app.get('/metrics', { schema: { hide: true }, onRequest: requireMetricsToken }, async (_request, reply) => {
    void reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
}

/** An onRequest hook accepting only `Authorization: Bearer <token>`, compared in constant time. */
function bearerTokenGuard(token: string) {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  const expected = digest(token);
  // A hook answers with a promise; the check itself needs no waiting.
  return (request: FastifyRequest): Promise<void> => {
    const header = request.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!given || !timingSafeEqual(digest(given), expected))
      return Promise.reject(new AppError('AUTH__INVALID_METRICS_TOKEN'));
    return Promise.resolve();
  };
}
