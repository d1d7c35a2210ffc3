import { errorBodySchema } from '@insignia/contract';

/** Codes the client itself produces when there is no usable server answer. */
export type ClientErrorCode = 'CLIENT__NETWORK' | 'CLIENT__UNEXPECTED_RESPONSE';

/**
 * A failed API call. `code` is the server's stable machine code (e.g. `AUTH__EMAIL_TAKEN`)
 * or a `CLIENT__*` code; `message` is written for a person and safe to show.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** True when `error` is an ApiError, optionally with the given code. */
export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/** Builds an ApiError from a non-2xx response body (JSON `{ error }` or anything else). */
export function toApiError(status: number, body: unknown): ApiError {
  const parsed = errorBodySchema.safeParse(body);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(status, code, message, details);
  }
  return new ApiError(
    status,
    `HTTP_${status}`,
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
