import type { Address, Signature, SolanaErrorCode } from '@solana/kit';

/** Why a transaction failed, from the transaction error variant and program error code. */
export type TransactionFailure =
  /** An instruction failed; `code` is the program's custom error code when it returned one. */
  | Readonly<{
      kind: 'program';
      programId?: Address;
      instructionIndex: number;
      code?: number;
      solanaErrorCode: SolanaErrorCode;
    }>
  /** A transaction-level error (e.g. AccountInUse, TooManyAccountLocks). */
  | Readonly<{ kind: 'transaction'; solanaErrorCode: SolanaErrorCode }>
  /** The RPC node refused the transaction before simulation (bad signature, malformed, unsupported). */
  | Readonly<{ kind: 'rejected'; solanaErrorCode?: SolanaErrorCode; httpStatus?: number }>;

/** Outcome of sending/confirming one transaction. `network` is the only retryable outcome. */
export type SendResult =
  | Readonly<{ status: 'confirmed'; signature: Signature; slot: bigint }>
  | Readonly<{ status: 'failed'; signature: Signature; error: TransactionFailure }>
  /** The blockhash expired and the transaction did not land: re-prepare (same mint address). */
  | Readonly<{ status: 'expired'; signature: Signature }>
  /** The fee payer lacks SOL for fees or rent; `needLamports` is how much more it needs when known. */
  | Readonly<{ status: 'insufficient_sol'; signature: Signature; needLamports?: bigint }>
  /** An account the transaction creates already exists (e.g. the deterministic mint of a retried request). */
  | Readonly<{
      status: 'already_exists';
      signature: Signature;
      programId?: Address;
      instructionIndex: number;
    }>
  /** No endpoint answered; sending the same bytes again is safe while the blockhash is valid. */
  | Readonly<{ status: 'network'; signature: Signature; retryable: true }>;
