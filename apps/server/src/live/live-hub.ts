import type { LiveEventMessage } from '@insignia/contract';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { Gauge, type Registry } from 'prom-client';
import type { SessionsEnded } from '../auth/session-service.ts';
import { describeFailure } from '../jobs/describe-failure.ts';
import { liveClose, type LiveCloseReason } from './live-close-codes.ts';

/** Who receives a live message: one user, or every connected admin. */
export type Audience = { userId: string } | { admins: true };

/**
 * A live message (the contract's union: `event` names it, `id` lets a client ignore a repeat)
 * and who receives it. Only `{ event, id, data }` goes over the wire.
 */
export type AddressedLiveMessage = LiveEventMessage & { audience: Audience };

export interface LiveConnection {
  userId: string;
  /** The Insignia session the socket was opened under (none for a host-platform token). */
  sessionId?: string | undefined;
  /** The role at connect; admin messages still check the current one before each delivery. */
  role: 'user' | 'admin';
  send(text: string): void;
  close(why: LiveCloseReason): void;
}

export interface LiveHubOptions {
  redis?: Redis | undefined;
  logger: Logger;
  metrics: Registry;
  /** Sockets per user, and in all, on this instance. */
  limits?: { perUser: number; total: number };
  /** The user's role now (from the database); admin messages go only to current admins. */
  currentRole?: (userId: string) => Promise<'user' | 'admin' | undefined>;
}

const CHANNEL = 'insignia:live';

/**
 * Delivers live messages to the WebSocket clients of every instance: through Redis pub/sub
 * when configured (each instance subscribes and delivers to its own sockets), in-process
 * otherwise.
 */
export function createLiveHub(options: LiveHubOptions) {
  const connections = new Set<LiveConnection>();
  // By user too: a trade batch hints a thousand users, and each instance holds thousands of
  // sockets; a message finds its user's sockets without walking all of them.
  const byUser = new Map<string, Set<LiveConnection>>();
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
        // Only this hub publishes on the channel: its messages are ours.
        subscriber.on('message', (_channel: string, text: string) => {
          const parsed = JSON.parse(text) as AddressedLiveMessage | AddressedLiveMessage[];
          for (const m of Array.isArray(parsed) ? parsed : [parsed]) deliverLocal(m);
        });
      })
    : Promise.resolve();
  ready.catch((err: unknown) => {
    options.logger.warn({ err: describeFailure(err) }, 'live hub could not subscribe');
  });
  subscriber?.on('error', (err: Error) => options.logger.warn({ err: err.message }, 'live hub redis error'));

  function sendTo(c: LiveConnection, text: string): void {
    try {
      c.send(text);
    } catch (err) {
      options.logger.debug({ err }, 'dropping a live message to a closed socket');
    }
  }

  // Admin messages wait for a role read; they queue so they still arrive in order.
  let adminQueue = Promise.resolve();
  function deliverLocal(message: AddressedLiveMessage): void {
    // Only what the contract's message holds; the audience stays on the server.
    const textOf = () => JSON.stringify({ event: message.event, id: message.id, data: message.data });
    if ('admins' in message.audience) {
      const text = textOf();
      adminQueue = adminQueue
        .then(() => deliverToAdmins(text))
        .catch((err: unknown) => options.logger.warn({ err }, 'admin live message not delivered'));
      return;
    }
    const sockets = byUser.get(message.audience.userId);
    if (!sockets) return;
    const text = textOf();
    for (const c of sockets) sendTo(c, text);
  }

  async function deliverToAdmins(text: string): Promise<void> {
    const admins = [...connections].filter((c) => c.role === 'admin');
    const roles = new Map<string, Promise<string | undefined>>();
    const roleOf = (userId: string) => {
      if (!options.currentRole) return Promise.resolve('admin');
      const known = roles.get(userId) ?? options.currentRole(userId);
      roles.set(userId, known);
      return known;
    };
    await Promise.all(
      admins.map(async (c) => {
        const role = await roleOf(c.userId).catch((err: unknown) => {
          options.logger.warn({ err }, 'could not read a role; admin message withheld');
          return 'unknown';
        });
        if (role === 'admin') {
          sendTo(c, text);
          return;
        }
        if (role === 'unknown') return;
        // No longer an admin: nothing more for this socket; a reconnect gets the current role.
        c.role = 'user';
        c.close(liveClose.roleChanged);
      }),
    );
  }

  function detach(connection: LiveConnection): void {
    if (!connections.delete(connection)) return;
    const mine = byUser.get(connection.userId);
    mine?.delete(connection);
    if (mine?.size === 0) byUser.delete(connection.userId);
    gauge.set(connections.size);
  }

  return {
    /** Resolves once this instance receives messages published by any instance. */
    ready: () => ready,
    async publishMany(messages: AddressedLiveMessage[]): Promise<void> {
      if (messages.length === 0) return;
      if (options.redis) await options.redis.publish(CHANNEL, JSON.stringify(messages));
      else messages.forEach(deliverLocal);
    },
    async publish(message: AddressedLiveMessage): Promise<void> {
      if (options.redis) await options.redis.publish(CHANNEL, JSON.stringify(message));
      else deliverLocal(message);
    },
    /**
     * Takes a new socket, or says why not (the caps). Counting happens here, synchronously, so
     * simultaneous upgrades cannot slip past a cap together.
     */
    attach(connection: LiveConnection): { detach: () => void } | { refused: LiveCloseReason } {
      const limits = options.limits;
      if (limits && connections.size >= limits.total) return { refused: liveClose.serverFull };
      const mine = byUser.get(connection.userId) ?? new Set<LiveConnection>();
      if (limits && mine.size >= limits.perUser) return { refused: liveClose.tooManyForUser };
      connections.add(connection);
      byUser.set(connection.userId, mine.add(connection));
      gauge.set(connections.size);
      return { detach: () => detach(connection) };
    },
    /** Closes this instance's sockets of sessions that ended (anywhere). */
    closeEnded(ended: SessionsEnded): void {
      for (const c of [...(byUser.get(ended.userId) ?? [])]) {
        if (ended.sessionIds === 'all' || (c.sessionId && ended.sessionIds.includes(c.sessionId))) {
          detach(c);
          c.close(liveClose.sessionEnded);
        }
      }
    },
    /** Closes the sockets whose session no longer stands (after missed invalidations). */
    async closeUnlessLive(isLive: (userId: string, sessionId: string) => Promise<boolean>): Promise<void> {
      await Promise.all(
        [...connections].map(async (c) => {
          if (!c.sessionId || (await isLive(c.userId, c.sessionId).catch(() => true))) return;
          detach(c);
          c.close(liveClose.sessionEnded);
        }),
      );
    },
    close(): Promise<void> {
      subscriber?.disconnect();
      return Promise.resolve();
    },
  };
}

export type LiveHub = ReturnType<typeof createLiveHub>;
