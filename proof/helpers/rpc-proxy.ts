import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ProxyMode = 'up' | 'down' | 'unavailable' | 'frozen';

/**
 * A JSON-RPC endpoint in front of a validator that can be switched off: `down` resets every
 * connection (a dead host), `unavailable` answers 503 (an overloaded provider), `frozen` takes
 * each request and never answers it (a hung host: only the caller's own timeout ends it). Two of these
 * in front of one validator are two providers serving the same chain, as in production.
 */
export async function startRpcProxy(target: string) {
  let mode: ProxyMode = 'up';
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    if (mode === 'down') return req.socket.destroy();
    if (mode === 'unavailable') return res.writeHead(503).end('unavailable');
    if (mode === 'frozen') return;
    const upstream = request(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setMode(next: ProxyMode) {
      mode = next;
    },
    /** Requests that reached this endpoint so far. */
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type RpcProxy = Awaited<ReturnType<typeof startRpcProxy>>;
