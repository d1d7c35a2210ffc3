import type { ErrorCode } from '@insignia/contract';
import { describeTransactionFailure } from '../chain/describe-transaction-failure.ts';
import type { SendResult } from '../chain/send-result.ts';

/** A short, log- and console-friendly reason for a send outcome that did not confirm. */
export function describeSendFailure(result: Exclude<SendResult, { status: 'confirmed' }>): {
  code: ErrorCode;
  message: string;
} {
  switch (result.status) {
    case 'insufficient_sol':
      return {
        code: 'CHAIN__INSUFFICIENT_SOL',
        message: `the platform authority has too little SOL${result.needLamports ? ` (needs ${result.needLamports} more lamports)` : ''}`,
      };
    case 'expired':
      return { code: 'CHAIN__EXPIRED', message: 'the transaction expired before it landed' };
    case 'network':
      return { code: 'CHAIN__RPC_UNAVAILABLE', message: 'no RPC endpoint answered' };
    case 'already_exists':
      return {
        code: 'CHAIN__ALREADY_EXISTS',
        message: `an account instruction ${result.instructionIndex} creates already exists`,
      };
    case 'failed':
      return {
        code: result.error.kind === 'rejected' ? 'CHAIN__TRANSACTION_REJECTED' : 'CHAIN__TRANSACTION_FAILED',
        message: describeTransactionFailure(result.error),
      };
  }
}
