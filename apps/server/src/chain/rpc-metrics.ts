import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** Prometheus metrics of the RPC client, labelled by endpoint (index:host, never the full URL). */
export type RpcMetrics = Readonly<{
  requests: Counter<'endpoint' | 'method'>;
  errors: Counter<'endpoint' | 'method' | 'kind'>;
  latency: Histogram<'endpoint' | 'method'>;
  healthy: Gauge<'endpoint'>;
}>;

function reuse<T>(registry: Registry, name: string, create: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create();
}

/** Registers (or reuses, if already in `registry`) the RPC metrics. */
export function createRpcMetrics(registry: Registry): RpcMetrics {
  const registers = [registry];
  return {
    requests: reuse(
      registry,
      'insignia_chain_rpc_requests_total',
      () =>
        new Counter({
          name: 'insignia_chain_rpc_requests_total',
          help: 'Solana RPC HTTP requests',
          labelNames: ['endpoint', 'method'],
          registers,
        }),
    ),
    errors: reuse(
      registry,
      'insignia_chain_rpc_errors_total',
      () =>
        new Counter({
          name: 'insignia_chain_rpc_errors_total',
          help: 'Solana RPC request failures by kind',
          labelNames: ['endpoint', 'method', 'kind'],
          registers,
        }),
    ),
    latency: reuse(
      registry,
      'insignia_chain_rpc_request_duration_seconds',
      () =>
        new Histogram({
          name: 'insignia_chain_rpc_request_duration_seconds',
          help: 'Solana RPC request latency',
          labelNames: ['endpoint', 'method'],
          buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
          registers,
        }),
    ),
    healthy: reuse(
      registry,
      'insignia_chain_rpc_endpoint_healthy',
      () =>
        new Gauge({
          name: 'insignia_chain_rpc_endpoint_healthy',
          help: '1 if the last request to the endpoint succeeded',
          labelNames: ['endpoint'],
          registers,
        }),
    ),
  };
}
