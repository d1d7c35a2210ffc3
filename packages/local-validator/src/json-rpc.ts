/** A JSON-RPC 2.0 request id. */
export type JsonRpcId = string | number | null;

/** Standard JSON-RPC codes plus the Solana-specific server errors this validator emits. */
export const RpcErrorCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
  SendTransactionPreflightFailure: -32002,
  TransactionSignatureVerificationFailure: -32003,
  UnsupportedTransactionVersion: -32015,
  MinContextSlotNotReached: -32016,
} as const;

/** An error that is reported to the caller as a JSON-RPC error object. */
export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

/** `-32602` with Solana's "Invalid params: ..." wording. */
export function invalidParams(detail: string): RpcError {
  return new RpcError(RpcErrorCode.InvalidParams, `Invalid params: ${detail}`);
}

/** A param value as an "unknown variant" message shows it: a string bare, anything else as JSON. */
export function variantText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A JSON-RPC success response. */
export function resultResponse(id: JsonRpcId, result: unknown): Record<string, unknown> {
  return { jsonrpc: '2.0', result, id };
}

/** A JSON-RPC error response; `data` is only present when given. */
export function errorResponse(
  id: JsonRpcId,
  code: number,
  message: string,
  data?: unknown,
): Record<string, unknown> {
  const error: Record<string, unknown> = { code, message };
  if (data !== undefined) error.data = data;
  return { jsonrpc: '2.0', error, id };
}
