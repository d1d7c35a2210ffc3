import {
  SOLANA_ERROR__INSTRUCTION_ERROR__CUSTOM,
  SOLANA_ERROR__TRANSACTION_ERROR__ACCOUNT_NOT_FOUND,
  SOLANA_ERROR__TRANSACTION_ERROR__INSUFFICIENT_FUNDS_FOR_FEE,
  SOLANA_ERROR__TRANSACTION_ERROR__INSUFFICIENT_FUNDS_FOR_RENT,
  getCompiledTransactionMessageDecoder,
  isSolanaError,
  type Address,
  type SolanaError,
  type Transaction,
} from '@solana/kit';
import {
  SYSTEM_ERROR__ACCOUNT_ALREADY_IN_USE,
  SYSTEM_ERROR__RESULT_WITH_NEGATIVE_LAMPORTS,
  SYSTEM_PROGRAM_ADDRESS,
} from '@solana-program/system';
import type { SendResult } from './send-result.ts';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Classification of a failed transaction, without the signature. */
export type FailureClassification = DistributiveOmit<
  Extract<SendResult, { status: 'failed' | 'insufficient_sol' | 'already_exists' }>,
  'signature'
>;

/** Program address of each instruction of a legacy/v0 transaction, by instruction index. */
/** Built once: composing the decoder costs more than decoding a message. */
const compiledMessageDecoder = getCompiledTransactionMessageDecoder();

export function getInstructionProgramIds(transaction: Transaction): (Address | undefined)[] {
  const compiled = compiledMessageDecoder.decode(transaction.messageBytes) as unknown as {
    staticAccounts?: Address[];
    instructions?: { programAddressIndex: number }[];
  };
  return (compiled.instructions ?? []).map((ix) => compiled.staticAccounts?.[ix.programAddressIndex]);
}

/** Index carried by instruction-error codes (kit puts it in `context.index`). */
function instructionIndexOf(error: SolanaError): number | undefined {
  const index = (error.context as { index?: unknown }).index;
  return typeof index === 'number' ? index : undefined;
}

/**
 * Classifies a transaction error (kit SolanaError built from the RPC's TransactionError, from a
 * preflight failure's cause or a signature status `err`) by code — never by message text.
 */
export function classifyTransactionError(
  error: SolanaError,
  programIds: readonly (Address | undefined)[],
): FailureClassification {
  const solanaErrorCode = error.context.__code;
  switch (solanaErrorCode) {
    case SOLANA_ERROR__TRANSACTION_ERROR__INSUFFICIENT_FUNDS_FOR_FEE:
    case SOLANA_ERROR__TRANSACTION_ERROR__INSUFFICIENT_FUNDS_FOR_RENT:
    case SOLANA_ERROR__TRANSACTION_ERROR__ACCOUNT_NOT_FOUND: // fee payer never funded
      return { status: 'insufficient_sol' };
    default:
      break; // any other code is classified by the instruction it names, below
  }
  const instructionIndex = instructionIndexOf(error);
  if (instructionIndex === undefined)
    return { status: 'failed', error: { kind: 'transaction', solanaErrorCode } };
  const programId = programIds[instructionIndex];
  const where = { instructionIndex, ...(programId ? { programId } : {}) };
  if (isSolanaError(error, SOLANA_ERROR__INSTRUCTION_ERROR__CUSTOM)) {
    const code = error.context.code;
    if (programId === SYSTEM_PROGRAM_ADDRESS && code === SYSTEM_ERROR__ACCOUNT_ALREADY_IN_USE)
      return { status: 'already_exists', ...where };
    if (programId === SYSTEM_PROGRAM_ADDRESS && code === SYSTEM_ERROR__RESULT_WITH_NEGATIVE_LAMPORTS)
      return { status: 'insufficient_sol' };
    return { status: 'failed', error: { kind: 'program', ...where, code, solanaErrorCode } };
  }
  return { status: 'failed', error: { kind: 'program', ...where, solanaErrorCode } };
}
