import WebSocket from 'ws';
import { wsText } from './ws-text.ts';

export interface LiveSocket {
  ws: WebSocket;
  /** Messages other than `ready`, in arrival order. */
  messages: Array<{ event: string; data: Record<string, unknown> }>;
  /** Resolves on the server's `ready`; rejects if the socket is refused or closed first. */
  ready: Promise<void>;
  /** Resolves with the close code and reason, whoever closed it. */
  closed: Promise<{ code: number; reason: string }>;
}

/** A real WebSocket client on `/api/ws?token=…`. */
export function openLiveSocket(baseUrl: string, token: string): LiveSocket {
  const ws = new WebSocket(`${baseUrl}/api/ws?token=${encodeURIComponent(token)}`);
  const messages: LiveSocket['messages'] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') })),
  );
  const ready = new Promise<void>((resolve, reject) => {
    ws.on('message', (raw) => {
      const message = JSON.parse(wsText(raw));
      if (message.event === 'ready') resolve();
      else messages.push(message);
    });
    ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.on('error', reject);
    void closed.then(({ code, reason }) => reject(new Error(`closed ${code} ${reason}`)));
  });
  ready.catch(() => undefined);
  return { ws, messages, ready, closed };
}

/** The close code and reason if the socket closes within `ms`, else `open`. */
export async function closeWithin(socket: LiveSocket, ms: number): Promise<string> {
  const timeout = new Promise<string>((resolve) => setTimeout(() => resolve('open'), ms));
  return Promise.race([socket.closed.then(({ code, reason }) => `${code} ${reason}`), timeout]);
}

/** The `ws://` base of an app listening on a free local port. */
export async function listenForSockets(app: {
  listen(o: { port: number; host: string }): Promise<unknown>;
  server: { address(): unknown };
}): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  return `ws://127.0.0.1:${port}`;
}
