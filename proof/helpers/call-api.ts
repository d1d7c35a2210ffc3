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

/**
 * One HTTP call to a running server, JSON in and out. Network failures (the server was just
 * killed) reject, so a caller can tell "refused" from "answered".
 */
export async function callApi(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<ApiResponse> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    signal: AbortSignal.timeout(options.timeoutMs ?? 90_000),
  });
  const text = await response.text();
  recorder?.push(`${method} ${path} -> ${response.status} ${JSON.stringify([...response.headers])}\n${text}`);
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, body, text };
}
