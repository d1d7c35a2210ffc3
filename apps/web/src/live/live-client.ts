import { liveMessageSchema, type LiveMessage } from '@insignia/contract';
import { reconnectDelayMs } from './reconnect-delay.ts';

export type { LiveMessage };

export type LiveConnectionStatus = 'connecting' | 'open' | 'offline';

export interface LiveClientDeps {
  /** The session token; no token means no connection. */
  getToken: () => string | null;
  onMessage: (message: LiveMessage) => void;
  onStatus?: (status: LiveConnectionStatus) => void;
  /** Where to connect; default: `/api/ws` on this page's host (ws: or wss: to match). */
  url?: (token: string) => string;
  /**
   * A socket closed before it opened, or the server closed it because the session ended or the
   * token expired. Browsers hide why a connection is refused (a 401 and a server that is down
   * look the same), so the caller can ask the API whether the session still stands.
   */
  onConnectFailed?: () => void;
  /** Reconnect back-off with full jitter: up to 1 s, doubling, capped here (default 30 s). */
  maxDelayMs?: number;
  /** Jitter source in [0, 1) (default Math.random); tests pass their own. */
  random?: () => number;
  WebSocket?: typeof WebSocket;
}

export interface LiveClient {
  start(): void;
  stop(): void;
}

/** Close codes the server uses when the session ended (4401) or the token expired (4402). */
const SESSION_CLOSE_CODES = new Set([4401, 4402]);

function defaultUrl(token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/api/ws?token=${encodeURIComponent(token)}`;
}

/** A message checked against the contract; anything else (unknown event, bad JSON) is dropped. */
function parseMessage(text: unknown): LiveMessage | undefined {
  if (typeof text !== 'string') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = liveMessageSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The WebSocket to `/api/ws?token=…` (browsers cannot set headers on a WebSocket). Reconnects
 * with back-off after any close, and drops repeats of an event it already delivered: after a
 * reconnect the server says `ready` again, which is the cue to refetch what may have been missed.
 */
export function createLiveClient(deps: LiveClientDeps): LiveClient {
  const Socket = deps.WebSocket ?? globalThis.WebSocket;
  const maxDelay = deps.maxDelayMs ?? 30_000;
  const seen = new Set<string>();
  let socket: WebSocket | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let running = false;

  const setStatus = (status: LiveConnectionStatus) => deps.onStatus?.(status);

  function scheduleReconnect() {
    if (!running) return;
    const delay = reconnectDelayMs(failures, { maxMs: maxDelay, random: deps.random });
    failures++;
    setStatus('offline');
    timer = setTimeout(connect, delay);
  }

  function connect() {
    timer = undefined;
    if (!running) return;
    const token = deps.getToken();
    if (!token) return setStatus('offline');
    setStatus('connecting');
    const ws = new Socket((deps.url ?? defaultUrl)(token));
    socket = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      failures = 0;
      setStatus('open');
    };
    ws.onmessage = (event: MessageEvent) => {
      const message = parseMessage(event.data);
      if (!message) return;
      if ('id' in message) {
        if (seen.has(message.id)) return;
        seen.add(message.id);
        if (seen.size > 500) {
          // A Set iterates in insertion order: forget the oldest id.
          const oldest = seen.values().next();
          if (!oldest.done) seen.delete(oldest.value);
        }
      }
      deps.onMessage(message);
    };
    ws.onclose = (event: CloseEvent | undefined) => {
      if (socket !== ws) return;
      socket = null;
      if (!opened || SESSION_CLOSE_CODES.has(event?.code ?? 0)) deps.onConnectFailed?.();
      scheduleReconnect();
    };
    // An error is always followed by close, which reconnects.
    ws.onerror = () => undefined;
  }

  return {
    start() {
      if (running) return;
      running = true;
      connect();
    },
    stop() {
      running = false;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      const ws = socket;
      socket = null;
      ws?.close();
      setStatus('offline');
    },
  };
}
