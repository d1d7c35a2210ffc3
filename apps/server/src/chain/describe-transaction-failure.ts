import type { TransactionFailure } from './send-result.ts';

/** A failed transaction in a sentence, as stored in `last_error` and shown to admins. */
export function describeTransactionFailure(error: TransactionFailure): string {
  if (error.kind === 'program')
    return `program ${error.programId ?? '?'} failed at instruction ${error.instructionIndex}${error.code !== undefined ? ` with error ${error.code}` : ''}`;
  if (error.kind === 'transaction') return `transaction error ${error.solanaErrorCode}`;
  return `refused by the RPC node${error.httpStatus ? ` (HTTP ${error.httpStatus})` : ''}`;
}
