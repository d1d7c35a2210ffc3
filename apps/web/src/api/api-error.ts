import { errorBodySchema, type ErrorCode, type ErrorContext } from '@insignia/contract';

/** Codes the client itself produces when there is no usable server answer. */
export type ClientErrorCode = 'CLIENT__NETWORK' | 'CLIENT__UNEXPECTED_RESPONSE' | 'CLIENT__HTTP_ERROR';

export type ApiErrorCode = ErrorCode | ClientErrorCode;

/** The context a code carries: the contract's for server codes, none for client codes. */
export type ApiErrorDetails<C extends ApiErrorCode> = C extends ErrorCode ? ErrorContext<C> : undefined;

/**
 * A failed API call. `code` is the server's stable code from the contract's catalogue (e.g.
 * `AUTH__EMAIL_TAKEN`) or a `CLIENT__*` code; `message` is written for a person and safe to
 * show. `isApiError(e, code)` narrows `details` to that code's context.
 */
export class ApiError<C extends ApiErrorCode = ApiErrorCode> extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: C,
    message: string,
    readonly details?: ApiErrorDetails<C>,
  ) {
    super(message);
  }
}

/** True when `error` is an ApiError, optionally with the given code. */
export function isApiError<C extends ApiErrorCode>(error: unknown, code?: C): error is ApiError<C> {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/** Builds an ApiError from a non-2xx response body (JSON `{ error }` or anything else). */
export function toApiError(status: number, body: unknown): ApiError {
  const parsed = errorBodySchema.safeParse(body);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    // The server sends each code's context as the contract types it.
    return new ApiError(status, code, message, details as ApiErrorDetails<typeof code>);
  }
  return new ApiError(
    status,
    'CLIENT__HTTP_ERROR',
    `The server answered with an unexpected error (HTTP ${status}). Please try again.`,
  );
}

export const networkError = (): ApiError =>
  new ApiError(
    0,
    'CLIENT__NETWORK',
    'Could not reach the Insignia server. Check your connection and try again.',
  );

export const unexpectedResponseError = (status: number): ApiError =>
  new ApiError(
    status,
    'CLIENT__UNEXPECTED_RESPONSE',
    'The server sent a response this page does not understand. Reload the page; if this keeps happening, the server and web app may be out of date.',
  );

/** A message fit to show a person, whatever was thrown. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Please try again.';
}
