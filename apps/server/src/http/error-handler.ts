import type { FastifyInstance } from 'fastify';
import { toErrorResponse } from './error-response.ts';

/** One handler for every error: stable JSON body, 5xx logged with the cause and hidden. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => {
    const { status, body } = toErrorResponse(err);
    if (status >= 500) request.log.error({ err }, 'request failed');
    // A refusal is the caller's business: visible at LOG_LEVEL=debug, not a line per request.
    else request.log.debug({ code: body.error.code, status }, 'request refused');
    void reply.status(status).send(body);
  });
}
