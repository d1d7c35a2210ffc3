import type { FastifyInstance } from 'fastify';
import { isAppError } from '../errors/app-error.ts';
import { toErrorResponse } from './error-response.ts';

/** What a refused-while-busy caller is told to wait: long enough for a queue to drain a little. */
const BUSY_RETRY_AFTER_SECONDS = 2;

/** One handler for every error: stable JSON body, 5xx logged with the cause and hidden. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => {
    const { status, body } = toErrorResponse(err);
    const busy = isAppError(err, 'SERVICE__BUSY');
    if (busy) void reply.header('retry-after', String(BUSY_RETRY_AFTER_SECONDS));
    // Shedding under overload, or refusing while draining, is the server working as meant: the
    // completed-request line says it, without an error and a stack for every request refused.
    if (busy || isAppError(err, 'SERVICE__SHUTTING_DOWN'))
      request.log.debug({ code: body.error.code, status }, 'request shed');
    else if (status >= 500) request.log.error({ err }, 'request failed');
    // A refusal is the caller's business: visible at LOG_LEVEL=debug, not a line per request.
    else request.log.debug({ code: body.error.code, status }, 'request refused');
    void reply.status(status).send(body);
  });
}
