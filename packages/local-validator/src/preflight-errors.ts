import { returnDataJson, type ExecutionResult } from './execute-transaction.ts';
import { RpcError, RpcErrorCode } from './json-rpc.ts';
import { describeTransactionError, type TransactionErrorJson } from './transaction-error.ts';

/** The `-32003` error of a transaction whose signatures do not verify. */
export function signatureFailure(): RpcError {
  return new RpcError(
    RpcErrorCode.TransactionSignatureVerificationFailure,
    'Transaction signature verification failure',
  );
}

/** The `-32002` error of a failed preflight simulation, with the simulation result as `data`. */
export function preflightFailure(err: TransactionErrorJson, result: ExecutionResult | null): RpcError {
  return new RpcError(
    RpcErrorCode.SendTransactionPreflightFailure,
    `Transaction simulation failed: ${describeTransactionError(err)}`,
    {
      accounts: null,
      err,
      innerInstructions: null,
      logs: result?.logs ?? [],
      replacementBlockhash: null,
      returnData: returnDataJson(result?.returnData ?? null),
      unitsConsumed: result?.computeUnitsConsumed ?? 0n,
    },
  );
}
