import type { Redis } from 'ioredis';
import { callApi } from '../../proof/helpers/call-api.ts';

export interface Counters {
  /** `insignia_db_queries_total`: statements sent to PostgreSQL. */
  queries: number;
  /** `insignia_chain_rpc_requests_total`, summed over endpoints, by RPC method. */
  rpc: Map<string, number>;
  /** Commands Redis has processed (everyone's: the bench's own INFO calls included). */
  redisCommands: number;
}

/** The server's round-trip counters, read from its Prometheus text at /metrics. */
export async function readCounters(url: string, metricsToken: string, redis: Redis): Promise<Counters> {
  const res = await callApi(url, 'GET', '/metrics', { headers: { authorization: `Bearer ${metricsToken}` } });
  if (res.status !== 200) throw new Error(`/metrics: ${res.status}`);
  let queries = 0;
  const rpc = new Map<string, number>();
  for (const line of res.text.split('\n')) {
    if (line.startsWith('insignia_db_queries_total ')) queries = Number(line.split(' ')[1]);
    const m = /^insignia_chain_rpc_requests_total\{.*method="([^"]+)".*\} (\d+(?:\.\d+)?)/.exec(line);
    if (m) rpc.set(m[1]!, (rpc.get(m[1]!) ?? 0) + Number(m[2]));
  }
  const stats = await redis.info('stats');
  const redisCommands = Number(/total_commands_processed:(\d+)/.exec(stats)?.[1] ?? Number.NaN);
  return { queries, rpc, redisCommands };
}
