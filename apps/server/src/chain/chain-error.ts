/** Stable codes of errors thrown by the chain layer, with a typed context per code. */
export type ChainErrorContext = {
  CHAIN__TRANSACTION_TOO_LARGE: { size: number; limit: number };
  CHAIN__RPC_UNAVAILABLE: { attempts: number; lastStatus?: number };
  CHAIN__RPC_REJECTED: { status: number; endpoint: string };
  CHAIN__SIGNED_TRANSACTION_MISMATCH: {
    reason: 'malformed' | 'message_changed' | 'signature_changed' | 'signature_missing' | 'signature_invalid';
    signer?: string;
  };
  CHAIN__KEYPAIR_INVALID: { source: 'env' | 'file' };
  CHAIN__KEYPAIR_NOT_FOUND: { source: 'file' };
};

export type ChainErrorCode = keyof ChainErrorContext;

const MESSAGES: { [C in ChainErrorCode]: (ctx: ChainErrorContext[C]) => string } = {
  CHAIN__TRANSACTION_TOO_LARGE: (c) => `transaction is ${c.size} bytes, over the ${c.limit}-byte limit`,
  CHAIN__RPC_UNAVAILABLE: (c) => `no RPC endpoint answered after ${c.attempts} attempts`,
  CHAIN__RPC_REJECTED: (c) => `RPC endpoint ${c.endpoint} rejected the request with HTTP ${c.status}`,
  CHAIN__SIGNED_TRANSACTION_MISMATCH: (c) =>
    `signed transaction does not match the prepared one (${c.reason})`,
  CHAIN__KEYPAIR_INVALID: (c) => `keypair from ${c.source} is not a 64-byte Solana keypair`,
  CHAIN__KEYPAIR_NOT_FOUND: () => 'keypair file not found',
};

/** Retryable codes: the same operation may succeed later. */
const RETRYABLE: ReadonlySet<ChainErrorCode> = new Set(['CHAIN__RPC_UNAVAILABLE']);

/** The chain layer's one error class. Never carries secrets or full RPC URLs. */
export class ChainError<C extends ChainErrorCode = ChainErrorCode> extends Error {
  override readonly name = 'ChainError';
  readonly code: C;
  readonly context: ChainErrorContext[C];
  readonly retryable: boolean;

  constructor(code: C, context: ChainErrorContext[C], options?: { cause?: unknown }) {
    super(MESSAGES[code](context), options);
    this.code = code;
    this.context = context;
    this.retryable = RETRYABLE.has(code);
  }
}

/** Narrows `e` to a ChainError, optionally of one code. */
export function isChainError<C extends ChainErrorCode>(e: unknown, code?: C): e is ChainError<C> {
  return e instanceof ChainError && (code === undefined || e.code === code);
}
