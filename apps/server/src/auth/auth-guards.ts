import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.ts';
import type { AuthService } from './auth-service.ts';
import type { TokenService } from './token-service.ts';
import type { UserRow } from './user-queries.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user?: UserRow;
    /** Set by every user guard; the only thing `requireToken` sets. */
    userId?: string;
  }
}

/** preHandler hooks for routes: logged-in user, admin, or the ingestion API key. */
export function createAuthGuards(deps: { tokens: TokenService; auth: AuthService; ingestApiKey: string }) {
  async function requireUser(request: FastifyRequest): Promise<void> {
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) throw new AppError('AUTH__UNAUTHENTICATED');
    request.user = await deps.auth.resolveIdentity(await deps.tokens.verify(token));
    request.userId = request.user.id;
  }

  /**
   * For hot read routes that need only the caller's id: an Insignia token is trusted as
   * signed (no database read); a host-platform token still maps to a user through the DB.
   */
  async function requireToken(request: FastifyRequest): Promise<void> {
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) throw new AppError('AUTH__UNAUTHENTICATED');
    const identity = await deps.tokens.verify(token);
    request.userId =
      identity.source === 'insignia' ? identity.userId : (await deps.auth.resolveIdentity(identity)).id;
  }

  async function requireAdmin(request: FastifyRequest): Promise<void> {
    await requireUser(request);
    if (request.user?.role !== 'admin') throw new AppError('AUTH__FORBIDDEN');
  }

  const expectedKey = Buffer.from(deps.ingestApiKey);
  async function requireApiKey(request: FastifyRequest): Promise<void> {
    const given = Buffer.from(String(request.headers['x-api-key'] ?? ''));
    if (given.length !== expectedKey.length || !timingSafeEqual(given, expectedKey)) {
      throw new AppError('AUTH__INVALID_API_KEY');
    }
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
