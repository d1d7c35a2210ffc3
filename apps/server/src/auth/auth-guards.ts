import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.ts';
import type { AuthService } from './auth-service.ts';
import type { TokenService } from './token-service.ts';
import type { UserRow } from './user-queries.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user?: UserRow;
  }
}

/** preHandler hooks for routes: logged-in user, admin, or the ingestion API key. */
export function createAuthGuards(deps: { tokens: TokenService; auth: AuthService; ingestApiKey: string }) {
  async function requireUser(request: FastifyRequest): Promise<void> {
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) throw new AppError('AUTH__UNAUTHENTICATED');
    request.user = await deps.auth.resolveIdentity(await deps.tokens.verify(token));
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

  return { requireUser, requireAdmin, requireApiKey };
}

export type AuthGuards = ReturnType<typeof createAuthGuards>;

/** The user a guard attached; calling it on an unguarded route is a programming error. */
export function currentUser(request: FastifyRequest): UserRow {
  if (!request.user) throw new AppError('AUTH__UNAUTHENTICATED');
  return request.user;
}
