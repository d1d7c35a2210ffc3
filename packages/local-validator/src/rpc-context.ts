import type { Chain } from './chain.ts';
import type { FaultInjector } from './fault-controller.ts';

/** What RPC method handlers work with. */
export interface RpcContext {
  readonly chain: Chain;
  readonly faults: FaultInjector;
  /** Largest amount a single requestAirdrop may ask for. */
  readonly faucetMaxLamports: bigint;
}

/** A JSON-RPC method: positional params in, result out; throws RpcError for error responses. */
export type RpcHandler = (params: readonly unknown[], ctx: RpcContext) => unknown;

/** Method name → handler. */
export type RpcMethodTable = Readonly<Record<string, RpcHandler>>;
