import { LRUCache } from 'lru-cache';
import type { InvalidationBus } from '../cache/invalidation-bus.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import { endSessions, findLiveSession, insertSession } from './session-queries.ts';
import type { TokenService } from './token-service.ts';

/** The invalidation bus channel on which instances hear of ended sessions. */
export const SESSIONS_CHANNEL = 'insignia:sessions';

/** Sent to every instance when sessions end: one user's listed sessions, or all of them. */
export interface SessionsEnded {
  userId: string;
  sessionIds: string[] | 'all';
}

// A live session is re-read from the database at least this often, which bounds the delay if
// an invalidation message is ever lost (Redis pub/sub delivers at most once).
const LIVE_CACHE_MS = 5_000;
// An ended session never comes back, so a refusal can be remembered much longer.
const ENDED_CACHE_MS = 10 * 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Insignia sessions: each login starts one, and a token is honoured only while its session
 * stands. Whether it stands is cached in this process (so hot reads stay off the database) and
 * the cache is cleared on every instance the moment a session ends, through the bus.
 */
export function createSessionService(deps: {
  db: Db;
  tokens: TokenService;
  bus: InvalidationBus<SessionsEnded>;
  ttlSeconds: number;
}) {
  const { db, bus } = deps;
  /** `${userId}:${sessionId}` → whether that session stands. */
  const known = new LRUCache<string, boolean>({ max: 50_000 });
  // Bumped by every invalidation: a database read that started before one must not be cached.
  let generation = 0;

  const forget = (ended: SessionsEnded) => {
    generation++;
    if (ended.sessionIds !== 'all') {
      for (const id of ended.sessionIds) known.delete(`${ended.userId}:${id}`);
      return;
    }
    for (const key of [...known.keys()]) if (key.startsWith(`${ended.userId}:`)) known.delete(key);
  };
  bus.subscribe(forget);
  bus.onResync(() => {
    generation++;
    known.clear();
  });

  /** Whether `sessionId` is a live session of `userId`. */
  async function isLive(userId: string, sessionId: string | undefined): Promise<boolean> {
    if (!sessionId || !UUID.test(sessionId)) return false;
    const key = `${userId}:${sessionId}`;
    // While the bus may be missing messages, only the database is trusted.
    const cached = bus.isLive() ? known.get(key) : undefined;
    if (cached !== undefined) return cached;
    const started = generation;
    const live = Boolean(await findLiveSession(db, sessionId, userId));
    if (started === generation) known.set(key, live, { ttl: live ? LIVE_CACHE_MS : ENDED_CACHE_MS });
    return live;
  }

  return {
    isLive,

    /** Refuses a token whose session has ended (or that names none). */
    async assertLive(userId: string, sessionId: string | undefined): Promise<void> {
      if (!(await isLive(userId, sessionId))) throw new AppError('AUTH__TOKEN_INVALID');
    },

    /** Starts a session for the user and returns its token. */
    async start(user: { id: string; role: string }): Promise<string> {
      const row = await insertSession(db, user.id, new Date(Date.now() + deps.ttlSeconds * 1000));
      return deps.tokens.issue(user.id, user.role, row.id);
    },

    /** Logout: ends this one session, on every instance. */
    async end(userId: string, sessionId: string): Promise<void> {
      await endSessions(db, { userId, id: sessionId }, 'logout');
      await bus.publish({ userId, sessionIds: [sessionId] });
    },

    /** Ends every session of the user (an admin's revocation); returns how many were live. */
    async endAll(userId: string): Promise<number> {
      const ended = await endSessions(db, { userId }, 'revoked');
      await bus.publish({ userId, sessionIds: 'all' });
      return ended.length;
    },

    /**
     * Ends every session of the user but `keep` (a password change: the person stays signed in
     * where they changed it); without `keep`, all of them. Returns how many were live.
     */
    async endOthers(userId: string, keep: string | undefined): Promise<number> {
      const ended = await endSessions(db, { userId, ...(keep ? { except: keep } : {}) }, 'revoked');
      if (ended.length > 0) await bus.publish({ userId, sessionIds: ended });
      return ended.length;
    },

    /** Called on this instance whenever sessions end anywhere (after the cache forgot them). */
    onEnded: (listener: (ended: SessionsEnded) => void) => bus.subscribe(listener),
    /** Called when ended sessions may have gone unheard: open sockets should check again. */
    onResync: (listener: () => void) => bus.onResync(listener),
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
