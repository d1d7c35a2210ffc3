import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/app-error.ts';

/** Whether a parsed value holds a string with U+0000 anywhere inside it. */
function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 32 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => holdsNul(v, depth + 1));
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || holdsNul(v, depth + 1));
}

/**
 * PostgreSQL text cannot hold U+0000: a string carrying one would fail in the database (a 500)
 * after the schema let it through. No field of this API has a use for it, so any query, URL
 * parameter or JSON body holding one is refused up front as invalid input.
 */
export function registerNulRefusal(app: FastifyInstance): void {
  app.addHook('preValidation', (request, _reply, done) => {
    if (holdsNul(request.params)) done(new AppError('VALIDATION__INVALID_PARAMS'));
    else if (holdsNul(request.query)) done(new AppError('VALIDATION__INVALID_QUERY'));
    else if (holdsNul(request.body)) done(new AppError('VALIDATION__INVALID_BODY'));
    else done();
  });
}
