import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { Gauge, type Registry } from 'prom-client';

/** Who receives a live message: one user, or every connected admin. */
export type Audience = { userId: string } | { admins: true };

export interface LiveMessage {
  audience: Audience;
  /** Event name the web app listens for, e.g. `nft:claim_success`. */
  event: string;
  data: Record<string, unknown>;
  /** The domain event id, so a client can ignore a repeat. */
  id: string;
}

export interface LiveConnection {
  userId: string;
  role: 'user' | 'admin';
  send(text: string): void;
}

const CHANNEL = 'insignia:live';

/**
 * Delivers live messages to the WebSocket clients of every instance: through Redis pub/sub
 * when configured (each instance subscribes and delivers to its own sockets), in-process
 * otherwise.
 */
export function createLiveHub(options: { redis?: Redis | undefined; logger: Logger; metrics: Registry }) {
  const connections = new Set<LiveConnection>();
  const gauge = new Gauge({
    name: 'websocket_connections',
    help: 'Open WebSocket connections on this instance',
    registers: [options.metrics],
  });
  // A subscriber connection of its own (Redis requires it), which waits for Redis rather than
  // failing fast, and re-subscribes by itself after a reconnect.
  const subscriber = options.redis?.duplicate({
    lazyConnect: false,
    enableOfflineQueue: true,
    commandTimeout: undefined,
    // Not the parent's fail-fast limit: with Redis down at start, SUBSCRIBE waits for it
    // instead of rejecting (which, unhandled, ended the process).
    maxRetriesPerRequest: null,
  });
  const ready = subscriber
    ? subscriber.subscribe(CHANNEL).then(() => {
        subscriber.on('message', (_channel: string, text: string) =>
          deliverLocal(JSON.parse(text) as LiveMessage),
        );
      })
    : Promise.resolve();
  ready.catch((err: Error) => options.logger.warn({ err: err.message }, 'live hub could not subscribe'));
  subscriber?.on('error', (err: Error) => options.logger.warn({ err: err.message }, 'live hub redis error'));

  function deliverLocal(message: LiveMessage): void {
    const text = JSON.stringify({ event: message.event, id: message.id, data: message.data });
    for (const c of connections) {
      const wanted = 'admins' in message.audience ? c.role === 'admin' : c.userId === message.audience.userId;
      if (!wanted) continue;
      try {
        c.send(text);
      } catch (err) {
        options.logger.debug({ err }, 'dropping a live message to a closed socket');
      }
    }
  }

  return {
    /** Resolves once this instance receives messages published by any instance. */
    ready: () => ready,
    async publish(message: LiveMessage): Promise<void> {
      if (options.redis) await options.redis.publish(CHANNEL, JSON.stringify(message));
      else deliverLocal(message);
    },
    attach(connection: LiveConnection): () => void {
      connections.add(connection);
      gauge.set(connections.size);
      return () => {
        connections.delete(connection);
        gauge.set(connections.size);
      };
    },
    async close(): Promise<void> {
      subscriber?.disconnect();
    },
  };
}

export type LiveHub = ReturnType<typeof createLiveHub>;
