import type { ErrorCode } from '@insignia/contract';

/**
 * The error columns a state-machine row carries (`error_code`, `last_error`), as each status
 * needs them: none yet, possibly one from an earlier attempt, or the one that ended it.
 */
export interface NoStoredError {
  errorCode: null;
  lastError: null;
}
export interface MaybeStoredError {
  errorCode: ErrorCode | null;
  lastError: string | null;
}
export interface StoredError {
  errorCode: ErrorCode;
  lastError: string;
}
