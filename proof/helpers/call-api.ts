import http from 'node:http';

export interface ApiResponse {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- API bodies are checked by the tests
  body: any;
  text: string;
}

let recorder: string[] | undefined;

/** From now on, every response body (with its status line) is also pushed to `sink`. */
export function recordResponses(sink: string[] | undefined): void {
  recorder = sink;
}

// Kept-alive connections on node's HTTP client rather than `fetch`, which costs several times
// the CPU per request: the load benches run this client on the server's own machine.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });

/**
 * One HTTP call to a running server, JSON in and out. Network failures (the server was just
 * killed) reject, so a caller can tell "refused" from "answered".
 */
export function callApi(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<ApiResponse> {
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise<ApiResponse>((resolve, reject) => {
    const request = http.request(
      `${baseUrl}${path}`,
      {
        method,
        agent,
        headers: {
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(body === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
          ...options.headers,
        },
        signal: AbortSignal.timeout(options.timeoutMs ?? 90_000),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = response.statusCode ?? 0;
          recorder?.push(
            `${method} ${path} -> ${status} ${JSON.stringify(Object.entries(response.headers))}\n${text}`,
          );
          let parsed: unknown;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            parsed = undefined;
          }
          resolve({ status, body: parsed, text });
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
