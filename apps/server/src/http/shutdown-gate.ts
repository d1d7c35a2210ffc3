import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/app-error.ts';

/**
 * While the server closes, a request that still arrives (pipelined, or on a busy keep-alive
 * connection) gets the one error body, 503 `SERVICE__SHUTTING_DOWN`, instead of Fastify's own
 * closing answer (which `return503OnClosing: false` turns off).
 */
export function registerShutdownGate(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (!closing) return;
    void reply.header('connection', 'close');
    throw new AppError('SERVICE__SHUTTING_DOWN');
  });
}
