import { errorCatalogue, type ErrorCode, type ErrorContext } from '@insignia/contract';

export interface AppErrorOptions {
  /** Replaces the catalogue's message, for a sharper one a person can act on. */
  message?: string;
  cause?: unknown;
}

/** A code whose context is optional takes none; any other must be given its context. */
type ContextArgs<C extends ErrorCode> =
  undefined extends ErrorContext<C>
    ? [context?: ErrorContext<C>, options?: AppErrorOptions]
    : [context: ErrorContext<C>, options?: AppErrorOptions];

/**
 * The one error Insignia throws, modelled on kit's `SolanaError`: a stable `code` from the
 * contract's catalogue and the typed `context` that code carries. Services never know about
 * HTTP; `http/error-response.ts` turns the code into a status through the catalogue.
 */
export class AppError<C extends ErrorCode = ErrorCode> extends Error {
  override readonly name = 'AppError';
  readonly code: C;
  readonly context: ErrorContext<C>;

  constructor(code: C, ...[context, options]: ContextArgs<C>) {
    super(options?.message ?? errorCatalogue[code].message, { cause: options?.cause });
    this.code = code;
    this.context = context as ErrorContext<C>;
  }
}

/** Narrows an unknown error to an AppError, optionally of one code (or one of several). */
export function isAppError<C extends ErrorCode>(e: unknown, ...codes: C[]): e is AppError<C> {
  return e instanceof AppError && (codes.length === 0 || codes.includes(e.code as C));
}

/** True for codes whose operation may succeed if tried again later. */
export function isRetryableError(e: unknown): boolean {
  if (isAppError(e, 'IPFS__PROVIDER_FAILED')) return e.context.retryable;
  return isAppError(e, 'CHAIN__RPC_UNAVAILABLE', 'SERVICE__UNAVAILABLE');
}
