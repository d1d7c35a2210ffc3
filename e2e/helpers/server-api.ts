import type { RunningServer } from './start-server.ts';

let tradeSeq = 0;

/**
 * Records trades for a person through `POST /api/trades`, as the trading platform does
 * (service API key). Resolves once the server has counted them.
 */
export async function ingestTrades(
  server: Pick<RunningServer, 'url' | 'ingestApiKey'>,
  email: string,
  ...volumesUsd: string[]
): Promise<void> {
  const trades = volumesUsd.map((volumeUsd) => ({
    id: `e2e-${process.pid}-${Date.now().toString(36)}-${++tradeSeq}`,
    email,
    volumeUsd,
    executedAt: new Date().toISOString(),
  }));
  const response = await fetch(`${server.url}/api/trades`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': server.ingestApiKey },
    body: JSON.stringify({ trades }),
  });
  const body = (await response.json()) as { inserted?: number };
  if (!response.ok || body.inserted !== trades.length) {
    throw new Error(`trades not recorded (${response.status}): ${JSON.stringify(body)}`);
  }
}

/** An authenticated JSON call to the server, for setting up what a test needs. */
export async function callApi<T = unknown>(
  server: Pick<RunningServer, 'url'>,
  token: string,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} failed (${response.status}): ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Logs in through the API and returns the session token. */
export async function loginToken(
  server: Pick<RunningServer, 'url'>,
  email: string,
  password: string,
): Promise<string> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = (await response.json()) as { token?: string };
  if (!response.ok || !body.token) throw new Error(`login failed (${response.status})`);
  return body.token;
}
