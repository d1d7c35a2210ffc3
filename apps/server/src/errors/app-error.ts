import { errorMessages, type ErrorCode } from './error-codes.ts';

/** The one error type services throw. `code` is stable; `details` is safe to show the caller. */
export class AppError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  readonly details: unknown;

  constructor(code: C, options: { message?: string; details?: unknown; cause?: unknown } = {}) {
    super(options.message ?? errorMessages[code], { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options.details;
  }
}

/** Narrows an unknown error to an AppError, optionally of one code. */
export function isAppError<C extends ErrorCode>(e: unknown, code?: C): e is AppError<C> {
  return e instanceof AppError && (code === undefined || e.code === code);
}
