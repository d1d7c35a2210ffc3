import {
  SOLANA_ERROR__JSON_RPC__SERVER_ERROR_NODE_UNHEALTHY,
  SOLANA_ERROR__RPC__TRANSPORT_HTTP_ERROR,
  isSolanaError,
  type RpcTransport,
} from '@solana/kit';
import { DEFAULT_BACKOFF, computeBackoffMs, parseRetryAfterMs, type BackoffPolicy } from './backoff.ts';
import { AppError } from '../errors/app-error.ts';
import { createNodeHttpTransport } from './create-node-http-transport.ts';
import type { RpcMetrics } from './rpc-metrics.ts';
import { sleep } from './sleep.ts';

/** Why an attempt on an endpoint failed. */
export type RpcFailureKind =
  'timeout' | 'network' | 'http_5xx' | 'http_4xx' | 'rate_limited' | 'node_unhealthy' | 'rejected';

/** HTTP statuses that blame the request itself: another endpoint would answer the same. */
const REQUEST_FAULT_STATUSES = new Set([400, 413, 414, 431]);

/** Health of one endpoint, as shown on /readyz and in metrics. */
export type EndpointHealth = Readonly<{
  label: string;
  /** The last attempt on this endpoint succeeded. */
  healthy: boolean;
  consecutiveFailures: number;
  /** Epoch ms until which the endpoint is skipped while another one is available. */
  coolingUntil: number;
  lastFailure?: RpcFailureKind;
  lastLatencyMs?: number;
}>;

export type FailoverTransportConfig = Readonly<{
  urls: readonly string[];
  /** Per attempt. */
  timeoutMs: number;
  /** Attempts after the first, across all endpoints. */
  maxRetries: number;
  backoff?: BackoffPolicy;
  /** Longest wait honoured for a Retry-After / cooldown before trying again anyway. */
  maxWaitMs?: number;
  metrics?: RpcMetrics;
  /** Tests inject these; defaults are node's HTTP transport, setTimeout, Date.now, Math.random. */
  createEndpointTransport?: (url: string) => RpcTransport;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  random?: () => number;
}>;

type Endpoint = {
  label: string;
  transport: RpcTransport;
  failures: number;
  coolingUntil: number;
  lastFailure?: RpcFailureKind;
  lastLatencyMs?: number;
};
type Failure = { kind: RpcFailureKind; retryAfterMs?: number; status?: number; cause: unknown };

/** Metric/health label for a URL: index and host only, so API keys in paths or queries never leak. */
export function endpointLabel(url: string, index: number): string {
  return `${index}:${new URL(url).host}`;
}

function classifyFailure(e: unknown, timedOut: boolean, now: number): Failure {
  if (timedOut) return { kind: 'timeout', cause: e };
  if (isSolanaError(e, SOLANA_ERROR__RPC__TRANSPORT_HTTP_ERROR)) {
    const status = e.context.statusCode;
    if (status === 429) {
      const retryAfterMs = parseRetryAfterMs(e.context.headers.get('retry-after'), now);
      return {
        kind: 'rate_limited',
        status,
        cause: e,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      };
    }
    if (status >= 500 || status === 408) return { kind: 'http_5xx', status, cause: e };
    if (REQUEST_FAULT_STATUSES.has(status)) return { kind: 'rejected', status, cause: e };
    return { kind: 'http_4xx', status, cause: e }; // 401/403/404...: this endpoint refuses us, try another
  }
  return { kind: 'network', cause: e }; // fetch TypeError, reset connection, unparsable body
}

function isNodeUnhealthy(response: unknown): boolean {
  if (Array.isArray(response)) return response.some(isNodeUnhealthy);
  const error = (response as { error?: { code?: unknown } } | null)?.error;
  return error != null && Number(error.code) === SOLANA_ERROR__JSON_RPC__SERVER_ERROR_NODE_UNHEALTHY;
}

/**
 * A kit RpcTransport over several endpoints: tries them in configured order, skipping ones that
 * are cooling down; on timeout, network error, 5xx, 429 or "node unhealthy" it moves to the next
 * endpoint, and once every endpoint failed it waits (exponential backoff with jitter, or the
 * Retry-After of a 429) before the next round. Other HTTP errors are final (CHAIN__RPC_REJECTED);
 * when attempts run out it throws CHAIN__RPC_UNAVAILABLE (retryable).
 */
export function createFailoverTransport(
  config: FailoverTransportConfig,
): RpcTransport & { health(): EndpointHealth[] } {
  if (config.urls.length === 0) throw new RangeError('at least one RPC url is required');
  const policy = config.backoff ?? DEFAULT_BACKOFF;
  const maxWaitMs = config.maxWaitMs ?? 30_000;
  const now = config.now ?? Date.now;
  const wait = config.sleep ?? sleep;
  const random = config.random ?? Math.random;
  const makeTransport = config.createEndpointTransport ?? createNodeHttpTransport;
  const endpoints: Endpoint[] = config.urls.map((url, i) => ({
    label: endpointLabel(url, i),
    transport: makeTransport(url),
    failures: 0,
    coolingUntil: 0,
  }));
  const { metrics } = config;

  const markHealth = (e: Endpoint) => metrics?.healthy.set({ endpoint: e.label }, e.failures === 0 ? 1 : 0);
  endpoints.forEach(markHealth);

  const onFailure = (e: Endpoint, f: Failure, method: string) => {
    e.failures += 1;
    e.lastFailure = f.kind;
    e.coolingUntil = now() + (f.retryAfterMs ?? computeBackoffMs(e.failures - 1, policy, random));
    metrics?.errors.inc({ endpoint: e.label, method, kind: f.kind });
    markHealth(e);
  };

  /** Next endpoint not tried this round and not cooling; else undefined (round over). */
  const pick = (tried: Set<Endpoint>) => endpoints.find((e) => !tried.has(e) && e.coolingUntil <= now());

  const transport = async <T>({ payload, signal }: { payload: unknown; signal?: AbortSignal }) => {
    const named = (payload as { method?: unknown } | null)?.method;
    const method = Array.isArray(payload) ? 'batch' : typeof named === 'string' ? named : 'unknown';
    let tried = new Set<Endpoint>();
    let round = 0;
    let last: Failure | undefined;
    for (let attempt = 0; attempt <= config.maxRetries; attempt += 1) {
      let endpoint = pick(tried);
      if (!endpoint) {
        // Every endpoint failed this round or is cooling: wait for the earliest, at least a backoff step.
        const earliest = endpoints.reduce((a, b) => (b.coolingUntil < a.coolingUntil ? b : a));
        const cooling = earliest.coolingUntil - now();
        const delay =
          round === 0 && tried.size === 0
            ? cooling
            : Math.max(cooling, computeBackoffMs(round, policy, random));
        if (delay > 0) await wait(Math.min(delay, maxWaitMs), signal);
        round += 1;
        tried = new Set();
        endpoint = earliest;
      }
      tried.add(endpoint);
      const timeout = AbortSignal.timeout(config.timeoutMs);
      const attemptSignal = signal ? AbortSignal.any([signal, timeout]) : timeout;
      const started = performance.now();
      metrics?.requests.inc({ endpoint: endpoint.label, method });
      try {
        const response = await endpoint.transport<T>({ payload, signal: attemptSignal });
        endpoint.lastLatencyMs = performance.now() - started;
        metrics?.latency.observe({ endpoint: endpoint.label, method }, endpoint.lastLatencyMs / 1000);
        if (isNodeUnhealthy(response)) {
          last = { kind: 'node_unhealthy', cause: response };
          onFailure(endpoint, last, method);
          continue;
        }
        endpoint.failures = 0;
        endpoint.coolingUntil = 0;
        markHealth(endpoint);
        return response;
      } catch (e) {
        if (signal?.aborted) throw signal.reason ?? e;
        last = classifyFailure(e, timeout.aborted, now());
        onFailure(endpoint, last, method);
        if (last.kind === 'rejected') {
          throw new AppError(
            'CHAIN__RPC_REJECTED',
            { status: last.status ?? 0, endpoint: endpoint.label },
            { cause: e },
          );
        }
      }
    }
    throw new AppError(
      'CHAIN__RPC_UNAVAILABLE',
      { attempts: config.maxRetries + 1, ...(last?.status === undefined ? {} : { lastStatus: last.status }) },
      { cause: last?.cause },
    );
  };

  const health = (): EndpointHealth[] =>
    endpoints.map((e) => ({
      label: e.label,
      healthy: e.failures === 0,
      consecutiveFailures: e.failures,
      coolingUntil: e.coolingUntil,
      ...(e.lastFailure ? { lastFailure: e.lastFailure } : {}),
      ...(e.lastLatencyMs === undefined ? {} : { lastLatencyMs: e.lastLatencyMs }),
    }));

  return Object.assign(transport, { health });
}
