import type { FastifyError } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorBody } from '@insignia/contract';
import { isChainError } from '../chain/chain-error.ts';
import { AppError } from '../errors/app-error.ts';
import { errorMessages, type ErrorCode } from '../errors/error-codes.ts';
import { isConnectionError, isStorageError } from '../db/pg-errors.ts';
import { httpStatusFor } from './error-status.ts';

const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'VALIDATION__MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'VALIDATION__MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'REQUEST__TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'REQUEST__UNSUPPORTED_MEDIA_TYPE',
};

const validationCodes: Record<string, ErrorCode> = {
  body: 'VALIDATION__INVALID_BODY',
  querystring: 'VALIDATION__INVALID_QUERY',
  params: 'VALIDATION__INVALID_PARAMS',
  headers: 'VALIDATION__INVALID_HEADERS',
};

/** Maps any thrown value to the one error body and its status. 5xx details never leave. */
export function toErrorResponse(err: unknown): { status: number; body: ErrorBody; code: ErrorCode } {
  if (err instanceof AppError) return build(err.code, err.message, err.details);
  // The chain layer's own errors that a caller can cause or should see as such.
  if (isChainError(err, 'CHAIN__SIGNED_TRANSACTION_MISMATCH')) {
    return build(
      'CHAIN__SIGNED_TRANSACTION_MISMATCH',
      errorMessages.CHAIN__SIGNED_TRANSACTION_MISMATCH,
      err.context,
    );
  }
  if (isChainError(err, 'CHAIN__RPC_UNAVAILABLE'))
    return build('CHAIN__RPC_UNAVAILABLE', errorMessages.CHAIN__RPC_UNAVAILABLE);

  if (hasZodFastifySchemaValidationErrors(err)) {
    const code = validationCodes[err.validationContext ?? 'body'] ?? 'VALIDATION__INVALID_BODY';
    const details = err.validation.map((v) => ({
      path: v.instancePath.replace(/^\//, '').replaceAll('/', '.'),
      message: v.message,
    }));
    return build(code, errorMessages[code], details);
  }

  const fe = err as Partial<FastifyError>;
  const mapped = fe.code ? fastifyCodes[fe.code] : undefined;
  if (mapped) return build(mapped, errorMessages[mapped]);
  if (isConnectionError(err)) return build('SERVICE__UNAVAILABLE', errorMessages.SERVICE__UNAVAILABLE);
  if (isStorageError(err)) return build('SERVICE__STORAGE_FAILING', errorMessages.SERVICE__STORAGE_FAILING);
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return {
      status: fe.statusCode,
      code: 'REQUEST__BAD',
      body: { error: { code: 'REQUEST__BAD', message: fe.message ?? errorMessages.REQUEST__BAD } },
    };
  }
  return build('INTERNAL', errorMessages.INTERNAL);
}

function build(code: ErrorCode, message: string, details?: unknown) {
  const error: ErrorBody['error'] = { code, message };
  if (details !== undefined) error.details = details;
  return { status: httpStatusFor(code), code, body: { error } };
}
