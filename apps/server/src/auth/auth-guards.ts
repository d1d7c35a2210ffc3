import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.ts';
import type { AuthService } from './auth-service.ts';
import type { SessionService } from './session-service.ts';
import type { TokenIdentity, TokenService } from './token-service.ts';
import type { UserRow } from './user-queries.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user?: UserRow;
    /** Set by every user guard; the only thing `requireToken` sets (with `sessionId`). */
    userId?: string;
    /** The Insignia session the token belongs to; unset for a host-platform token. */
    sessionId?: string;
  }
}

/** preHandler hooks for routes: logged-in user, admin, or the ingestion API key. */
export function createAuthGuards(deps: {
  tokens: TokenService;
  auth: AuthService;
  sessions: Pick<SessionService, 'assertLive'>;
  ingestApiKey: string;
}) {
  /** Verifies the bearer token and that its Insignia session still stands (logout, revocation). */
  async function verifyBearer(request: FastifyRequest): Promise<TokenIdentity> {
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) throw new AppError('AUTH__UNAUTHENTICATED');
    const identity = await deps.tokens.verify(token);
    if (identity.source === 'insignia') {
      await deps.sessions.assertLive(identity.userId, identity.sessionId);
      request.sessionId = identity.sessionId;
    }
    return identity;
  }

  async function requireUser(request: FastifyRequest): Promise<void> {
    request.user = await deps.auth.resolveIdentity(await verifyBearer(request));
    request.userId = request.user.id;
  }

  /**
   * For hot read routes that need only the caller's id: an Insignia token is trusted as
   * signed (no database read); a host-platform token still maps to a user through the DB.
   */
  async function requireToken(request: FastifyRequest): Promise<void> {
    const identity = await verifyBearer(request);
    request.userId =
      identity.source === 'insignia' ? identity.userId : (await deps.auth.resolveIdentity(identity)).id;
  }

  async function requireAdmin(request: FastifyRequest): Promise<void> {
    await requireUser(request);
    if (request.user?.role !== 'admin') throw new AppError('AUTH__FORBIDDEN');
  }

  const expectedKey = Buffer.from(deps.ingestApiKey);
  /** A hook, so it answers with a promise; the check itself needs no waiting. */
  function requireApiKey(request: FastifyRequest): Promise<void> {
    const given = Buffer.from(String(request.headers['x-api-key'] ?? ''));
    if (given.length !== expectedKey.length || !timingSafeEqual(given, expectedKey)) {
      return Promise.reject(new AppError('AUTH__INVALID_API_KEY'));
    }
    return Promise.resolve();
  }

  return { requireUser, requireToken, requireAdmin, requireApiKey };
}

export type AuthGuards = ReturnType<typeof createAuthGuards>;

/** The caller's id, set by `requireUser` or `requireToken`. */
export function currentUserId(request: FastifyRequest): string {
  if (!request.userId) throw new AppError('AUTH__UNAUTHENTICATED');
  return request.userId;
}

/** The user a guard attached; calling it on an unguarded route is a programming error. */

export function currentUser(request: FastifyRequest): UserRow {
  if (!request.user) throw new AppError('AUTH__UNAUTHENTICATED');
  return request.user;
}
