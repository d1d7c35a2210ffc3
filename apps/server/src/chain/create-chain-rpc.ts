import {
  DEFAULT_RPC_CONFIG,
  createRpc,
  createSolanaRpcApi,
  type Commitment,
  type Rpc,
  type SolanaRpcApi,
} from '@solana/kit';
import type { Registry } from 'prom-client';
import type { BackoffPolicy } from './backoff.ts';
import type { ComputeBudget } from './create-base-message.ts';
import {
  createFailoverTransport,
  type EndpointHealth,
  type FailoverTransportConfig,
} from './create-failover-transport.ts';
import { createBatchingTransport } from './create-batching-transport.ts';
import { createRpcMetrics } from './rpc-metrics.ts';

export type ChainRpcConfig = Readonly<{
  /** Endpoints in order of preference (SOLANA_RPC_URLS). */
  urls: readonly string[];
  /** Default commitment of every RPC call and of confirmations. */
  commitment: Commitment;
  /** Per attempt. */
  timeoutMs: number;
  /** Attempts after the first, across endpoints. */
  maxRetries: number;
  computeUnitPriceMicroLamports?: bigint | number;
  computeUnitLimit?: number;
  /** Registry receiving requests/errors/latency/health metrics per endpoint. */
  metrics?: Registry;
  backoff?: BackoffPolicy;
  maxWaitMs?: number;
  /** Test hooks, see {@link FailoverTransportConfig}. */
  transport?: Pick<FailoverTransportConfig, 'createEndpointTransport' | 'sleep' | 'now' | 'random'>;
}>;

/** The one Solana RPC client: the ordinary kit API over a failover transport, reads batched. */
export type ChainRpc = Readonly<{
  rpc: Rpc<SolanaRpcApi>;
  commitment: Commitment;
  computeBudget: ComputeBudget;
  endpoints(): EndpointHealth[];
}>;

/** Creates the RPC client; no request is made until the first call. */
export function createChainRpc(config: ChainRpcConfig): ChainRpc {
  const transport = createFailoverTransport({
    urls: config.urls,
    timeoutMs: config.timeoutMs,
    maxRetries: config.maxRetries,
    ...(config.backoff ? { backoff: config.backoff } : {}),
    ...(config.maxWaitMs === undefined ? {} : { maxWaitMs: config.maxWaitMs }),
    ...(config.metrics ? { metrics: createRpcMetrics(config.metrics) } : {}),
    ...config.transport,
  });
  const rpc = createRpc({
    api: createSolanaRpcApi({ ...DEFAULT_RPC_CONFIG, defaultCommitment: config.commitment }),
    transport: createBatchingTransport(transport),
  });
  const computeBudget: ComputeBudget = {
    ...(config.computeUnitPriceMicroLamports === undefined
      ? {}
      : { unitPriceMicroLamports: BigInt(config.computeUnitPriceMicroLamports) }),
    ...(config.computeUnitLimit === undefined ? {} : { unitLimit: config.computeUnitLimit }),
  };
  return { rpc, commitment: config.commitment, computeBudget, endpoints: () => transport.health() };
}
