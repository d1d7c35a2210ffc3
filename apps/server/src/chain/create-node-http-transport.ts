import http from 'node:http';
import https from 'node:https';
import { SOLANA_ERROR__RPC__TRANSPORT_HTTP_ERROR, SolanaError, type RpcTransport } from '@solana/kit';
import { parseJsonWithBigInts, stringifyJsonWithBigInts } from '@solana/rpc-spec-types';

/** Sockets kept open per endpoint: enough for a worker's sends in flight at once. */
const MAX_SOCKETS = 64;

/**
 * kit's Solana HTTP transport (same JSON with big integers, same HTTP error), on node's http
 * client with kept-alive connections instead of `fetch`: here a request costs ~0.3 ms of CPU
 * where `fetch` costs ~1.2 ms, and an unlock makes half a dozen. Responses are asked for
 * uncompressed: the app's requests and answers are small.
 */
export function createNodeHttpTransport(url: string): RpcTransport {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  const agent = new client.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS });
  return <TResponse>({ payload, signal }: { payload: unknown; signal?: AbortSignal }) =>
    new Promise<TResponse>((resolve, reject) => {
      const body = stringifyJsonWithBigInts(payload);
      const request = client.request(
        target,
        {
          method: 'POST',
          agent,
          headers: {
            accept: 'application/json',
            'content-type': 'application/json; charset=utf-8',
            'content-length': Buffer.byteLength(body),
          },
          ...(signal ? { signal } : {}),
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const status = response.statusCode ?? 0;
            if (status < 200 || status > 299) {
              reject(httpError(status, response));
              return;
            }
            try {
              resolve(parseJsonWithBigInts(Buffer.concat(chunks).toString('utf8')) as TResponse);
            } catch (e) {
              reject(e instanceof Error ? e : new Error(String(e)));
            }
          });
        },
      );
      request.on('error', reject);
      request.end(body);
    });
}

/** The error kit's transport throws for a non-2xx answer (the failover reads its status and headers). */
function httpError(status: number, response: http.IncomingMessage): SolanaError {
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return new SolanaError(SOLANA_ERROR__RPC__TRANSPORT_HTTP_ERROR, {
    headers,
    message: response.statusMessage ?? '',
    statusCode: status,
  });
}
