import fastifyHelmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.ts';
import { registerStaticSecurityHeaders } from './static-security-headers.ts';

const options = {
  contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'connect-src': ["'self'", 'wss:'] } },
};

function addRoutes(app: FastifyInstance) {
  app.get('/ok', () => ({ ok: true }));
  app.get('/fails', () => {
    throw new AppError('AUTH__UNAUTHENTICATED');
  });
  app.get('/own-csp', (_request, reply) =>
    reply.header('content-security-policy', "sandbox; default-src 'none'").send('x'),
  );
}

describe('static security headers', () => {
  it('are the headers @fastify/helmet sets, on answers, errors, unknown routes and over a route of its own', async () => {
    const withPlugin = Fastify();
    await withPlugin.register(fastifyHelmet, options);
    addRoutes(withPlugin);
    const withStatic = Fastify();
    await registerStaticSecurityHeaders(withStatic, options);
    addRoutes(withStatic);
    for (const url of ['/ok', '/fails', '/missing', '/own-csp']) {
      const [a, b] = await Promise.all([withPlugin.inject(url), withStatic.inject(url)]);
      const { date: _a, ...expected } = a.headers;
      const { date: _b, ...actual } = b.headers;
      expect(actual).toEqual(expected);
      expect(actual['x-content-type-options']).toBe('nosniff');
    }
    expect((await withStatic.inject('/own-csp')).headers['content-security-policy']).toContain('sandbox');
  });
});
