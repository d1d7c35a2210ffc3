import { AppError } from '../errors/app-error.ts';

/** The one refusal every limit gives, with how long to wait. */
export function rateLimitedError(retryAfterMs: number): AppError<'RATE_LIMITED'> {
  return new AppError('RATE_LIMITED', { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) });
}
