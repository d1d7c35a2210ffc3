import type { FastifyError } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { errorCatalogue, type ErrorBody, type ErrorCode } from '@insignia/contract';
import { isAppError } from '../errors/app-error.ts';
import { isConnectionError, isStorageError } from '../db/pg-errors.ts';

const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'VALIDATION__MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'VALIDATION__MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'REQUEST__TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'REQUEST__UNSUPPORTED_MEDIA_TYPE',
};

const validationCodes = {
  body: 'VALIDATION__INVALID_BODY',
  querystring: 'VALIDATION__INVALID_QUERY',
  params: 'VALIDATION__INVALID_PARAMS',
  headers: 'VALIDATION__INVALID_HEADERS',
} as const satisfies Record<string, ErrorCode>;

export interface ErrorResponse {
  status: number;
  code: ErrorCode;
  body: ErrorBody;
}

/**
 * Maps any thrown value to the one error body and its status, both from the contract's
 * catalogue. An internal (500) code says only `INTERNAL`; no 5xx context leaves the server.
 */
export function toErrorResponse(err: unknown): ErrorResponse {
  if (isAppError(err)) {
    const { status }: { status: number } = errorCatalogue[err.code];
    // A 5xx says only what the catalogue says: its message and context may name internals.
    if (status >= 500) return build(status === 500 ? 'INTERNAL' : err.code);
    return build(err.code, err.message, err.context);
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const context = err.validationContext ?? 'body';
    const code = validationCodes[context];
    const details = err.validation.map((v) => ({
      path: v.instancePath.replace(/^\//, '').replaceAll('/', '.'),
      message: v.message ?? 'invalid',
    }));
    return build(code, undefined, details);
  }

  const fe = err as Partial<FastifyError>;
  const mapped = fe.code ? fastifyCodes[fe.code] : undefined;
  if (mapped) return build(mapped);
  if (isConnectionError(err)) return build('SERVICE__UNAVAILABLE');
  if (isStorageError(err)) return build('SERVICE__STORAGE_FAILING');
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return {
      status: fe.statusCode,
      code: 'REQUEST__BAD',
      body: { error: { code: 'REQUEST__BAD', message: fe.message ?? errorCatalogue.REQUEST__BAD.message } },
    };
  }
  return build('INTERNAL');
}

function build(code: ErrorCode, message?: string, details?: unknown): ErrorResponse {
  const error: ErrorBody['error'] = { code, message: message ?? errorCatalogue[code].message };
  if (details !== undefined) error.details = details;
  return { status: errorCatalogue[code].status, code, body: { error } };
}
