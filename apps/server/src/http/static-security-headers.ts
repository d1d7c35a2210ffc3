import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';

/** What a bare Fastify app answers with, and the headers `@fastify/helmet` adds to it. */
async function headersOf(withHelmet: FastifyHelmetOptions | undefined): Promise<Record<string, string>> {
  const probe = Fastify({ logger: false });
  if (withHelmet) await probe.register(fastifyHelmet, withHelmet);
  probe.get('/', () => ({}));
  const res = await probe.inject('/');
  await probe.close();
  return Object.fromEntries(Object.entries(res.headers).map(([name, value]) => [name, String(value)]));
}

/**
 * Sets helmet's security headers on every response, as `@fastify/helmet` does, but computed
 * once: the plugin rebuilds helmet from its options on every request (parsing the CSP
 * directives each time), a tenth of the CPU of a small answer. Without nonces the headers do
 * not depend on the request, so they are read once from a throwaway app with the plugin and
 * then copied onto each reply in an onRequest hook, where the plugin set them (a route may
 * still replace one, as the IPFS gateway does with its CSP).
 */
export async function registerStaticSecurityHeaders(
  app: FastifyInstance,
  options: FastifyHelmetOptions,
): Promise<void> {
  // Nonces are per response: those headers could not be computed once.
  if (options.enableCSPNonces) throw new Error('static security headers cannot carry CSP nonces');
  const [bare, helmeted] = await Promise.all([headersOf(undefined), headersOf(options)]);
  const added = Object.fromEntries(Object.entries(helmeted).filter(([name, value]) => bare[name] !== value));
  app.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(added);
    done();
  });
}
