import pg from 'pg';
import type { EnvConfig } from '../config/env-config.ts';
import { countQuerySent } from './query-count.ts';

/** How long PostgreSQL work may take before the caller gets an error (and a 503). */
export interface DatabaseTimeouts {
  /** Opening a connection, or waiting for a free one in the pool. */
  connectMs: number;
  /** PostgreSQL cancels a statement running longer (57014); 0 turns it off. */
  statementMs: number;
  /** A statement waiting this long for a lock fails (55P03); 0 turns it off. */
  lockMs: number;
  /** PostgreSQL ends a session left idle inside a transaction this long (25P03); 0 turns it off. */
  idleInTransactionMs: number;
}

/** The timeouts the settings ask for (`DATABASE_*_TIMEOUT_MS`). */
export function databaseTimeoutsFrom(
  env: Pick<
    EnvConfig,
    | 'DATABASE_CONNECT_TIMEOUT_MS'
    | 'DATABASE_STATEMENT_TIMEOUT_MS'
    | 'DATABASE_LOCK_TIMEOUT_MS'
    | 'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS'
  >,
): DatabaseTimeouts {
  return {
    connectMs: env.DATABASE_CONNECT_TIMEOUT_MS,
    statementMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
    lockMs: env.DATABASE_LOCK_TIMEOUT_MS,
    idleInTransactionMs: env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
  };
}

/**
 * How much longer than the statement timeout the client waits for an answer: a live server
 * cancels first (with its own code), so only a frozen or cut-off one trips the client side.
 */
export const CLIENT_GRACE_MS = 1_000;

/**
 * A pg client that drops its connection when a query gets no answer in time. pg alone keeps
 * such a connection waiting on the unanswered statement, and the pool hands it out again: the
 * next caller would queue behind that statement, or run inside its open transaction.
 */
class DroppingClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- forwards pg's many overloads untouched
  override query(...args: any[]): any {
    countQuerySent();
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const callback = args[last] as (err: unknown, res: unknown) => void;
      args[last] = (err: unknown, res: unknown) => {
        this.dropIfUnanswered(err);
        callback(err, res);
      };
      // eslint-disable-next-line @typescript-eslint/unbound-method -- Reflect.apply calls it with `this` bound
      return Reflect.apply(super.query, this, args);
    }
    // eslint-disable-next-line @typescript-eslint/unbound-method -- Reflect.apply calls it with `this` bound
    const result: unknown = Reflect.apply(super.query, this, args);
    if (result instanceof Promise) result.catch((err: unknown) => this.dropIfUnanswered(err));
    return result;
  }

  private dropIfUnanswered(err: unknown): void {
    // pg's client-side timeout carries no code, only this message.
    if (err instanceof Error && err.message === 'Query read timeout') void this.end().catch(() => undefined);
  }
}

/**
 * A pool whose checked-out clients give their slot back as soon as their connection dies.
 * Drizzle's transaction never releases a client whose `begin` failed (a backend killed, a
 * restart): without this each such failure would keep a slot, until the pool had none left.
 * The holder's own release later is then a no-op; its queries on the dead client fail.
 */
class ReclaimingPool extends pg.Pool {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- forwards pg-pool's overloads untouched
  override connect(...args: any[]): any {
    // The callback form is pg-pool's own `query()`, which always releases.
    // eslint-disable-next-line @typescript-eslint/unbound-method -- Reflect.apply calls it with `this` bound
    if (args.length > 0) return Reflect.apply(super.connect, this, args);
    return super.connect().then(reclaimWhenDead);
  }
}

function reclaimWhenDead(client: pg.PoolClient): pg.PoolClient {
  const release = client.release.bind(client);
  let released = false;
  const once = (err?: Error | boolean) => {
    if (released) return;
    released = true;
    client.removeListener('end', onEnd);
    release(err);
  };
  const onEnd = () => once(new Error('connection lost while checked out'));
  client.once('end', onEnd);
  client.release = once;
  return client;
}

/**
 * The pool every query runs on. A connection lost while a client is checked out (a restart,
 * `pg_terminate_backend`) emits 'error' on that client, where pg-pool listens only while the
 * client is idle: every client gets its own listener, or the process would exit.
 */
export function createPostgresPool(options: {
  url: string;
  max: number;
  timeouts?: DatabaseTimeouts | undefined;
  onClientError?: ((err: Error) => void) | undefined;
}): pg.Pool {
  const t = options.timeouts;
  const pool = new ReclaimingPool({
    connectionString: options.url,
    max: options.max,
    Client: DroppingClient,
    // Notices a dead peer (a host gone, a partition) on idle connections too.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    ...(t && {
      connectionTimeoutMillis: t.connectMs,
      statement_timeout: t.statementMs,
      query_timeout: t.statementMs > 0 ? t.statementMs + CLIENT_GRACE_MS : undefined,
      lock_timeout: t.lockMs,
      idle_in_transaction_session_timeout: t.idleInTransactionMs,
    }),
  });
  const report = (err: Error) => options.onClientError?.(err);
  pool.on('error', report);
  pool.on('connect', (client) => client.on('error', report));
  return pool;
}
