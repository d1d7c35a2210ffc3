import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/app-error.ts';

/** Whether a parsed value holds a string with U+0000 anywhere inside it. */
function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 32 || value === null || typeof value !== 'object') return false;
  // Plain loops: this walks every value of every body (10,000 trades), and entries() arrays
  // and callbacks per object were most of its cost.
  if (Array.isArray(value)) {
    for (const v of value) if (holdsNul(v, depth + 1)) return true;
    return false;
  }
  for (const k in value) {
    if (!Object.hasOwn(value, k)) continue;
    if (k.includes('\u0000') || holdsNul((value as Record<string, unknown>)[k], depth + 1)) return true;
  }
  return false;
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
