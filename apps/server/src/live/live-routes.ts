import type { LiveMessage } from '@insignia/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { decodeJwt } from 'jose';
import { z } from 'zod';
import type { WebSocket } from 'ws';
import type { AuthService } from '../auth/auth-service.ts';
import type { SessionService } from '../auth/session-service.ts';
import type { TokenService } from '../auth/token-service.ts';
import { liveClose, type LiveCloseReason } from './live-close-codes.ts';
import type { LiveHub } from './live-hub.ts';

const PING_INTERVAL_MS = 25_000;
// setTimeout fires at once for delays past 2^31-1 ms (~24.8 days); tokens may live 30 days.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What the upgrade's preHandler learned from the token, for the socket handler. */
const upgrades = new WeakMap<
  FastifyRequest,
  { sessionId: string | undefined; expiresAtMs: number | undefined }
>();

/**
 * `GET /api/ws?token=…`: a WebSocket that receives the user's own live events (and admin
 * events for admins). Browsers cannot set headers on a WebSocket, hence the token in the query.
 * A socket lives no longer than its token and its session, and counts against the hub's caps.
 */
export function registerLiveRoutes(
  app: FastifyInstance,
  deps: {
    hub: LiveHub;
    tokens: TokenService;
    auth: AuthService;
    sessions: Pick<SessionService, 'assertLive' | 'isLive'>;
    currentRole: (userId: string) => Promise<'user' | 'admin' | undefined>;
    /** A host-platform token is refused this long after its `iat`, whatever its `exp`. */
    hostMaxAgeSeconds: number;
  },
): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/ws',
    {
      websocket: true,
      schema: { tags: ['live'], querystring: z.object({ token: z.string().min(10).max(4096) }) },
      // Runs after query validation and before the upgrade: a bad token gets a plain 401.
      preHandler: async (request) => {
        const { token } = request.query;
        const identity = await deps.tokens.verify(token);
        const user = await deps.auth.resolveIdentity(identity);
        const sessionId = identity.source === 'insignia' ? identity.sessionId : undefined;
        if (identity.source === 'insignia') await deps.sessions.assertLive(user.id, sessionId);
        // Verified above, so its claims can be read as they are.
        const { exp, iat } = decodeJwt(token);
        const ends = [exp, identity.source === 'host' && iat ? iat + deps.hostMaxAgeSeconds : undefined];
        const endsAt = Math.min(...ends.filter((s): s is number => typeof s === 'number'));
        upgrades.set(request, {
          sessionId,
          expiresAtMs: Number.isFinite(endsAt) ? endsAt * 1000 : undefined,
        });
        request.user = user;
      },
    },
    (socket: WebSocket, request) => {
      const { user } = request;
      // The preHandler refused the upgrade without one; a socket always has its user.
      if (!user) {
        socket.close(liveClose.sessionEnded.code, liveClose.sessionEnded.reason);
        return;
      }
      const { sessionId, expiresAtMs } = upgrades.get(request) ?? {};
      let ended = false;
      const close = (why: LiveCloseReason) => {
        if (ended) return;
        ended = true;
        socket.close(why.code, why.reason);
      };
      const connection = {
        userId: user.id,
        sessionId,
        role: user.role,
        send: (text: string) => socket.send(text),
        close,
      };
      const attached = deps.hub.attach(connection);
      if ('refused' in attached) {
        close(attached.refused);
        return;
      }

      let expiry: ReturnType<typeof setTimeout> | undefined;
      const armExpiry = () => {
        if (expiresAtMs === undefined) return;
        const left = expiresAtMs - Date.now();
        if (left <= 0) {
          close(liveClose.tokenExpired);
          return;
        }
        expiry = setTimeout(armExpiry, Math.min(left, MAX_TIMER_MS));
      };
      armExpiry();

      // Checks again what invalidation messages normally report at once: right after attaching
      // (a logout may have landed during the upgrade) and with each ping (in case one was lost).
      const recheck = () => {
        if (sessionId)
          void deps.sessions.isLive(user.id, sessionId).then(
            (live) => {
              if (!live) close(liveClose.sessionEnded);
            },
            () => undefined,
          );
        if (connection.role === 'admin')
          void deps.currentRole(user.id).then(
            (role) => {
              if (role !== 'admin') close(liveClose.roleChanged);
            },
            () => undefined,
          );
      };
      recheck();
      const ping = setInterval(() => {
        socket.ping();
        recheck();
      }, PING_INTERVAL_MS);

      const ready: LiveMessage = { event: 'ready', data: { userId: user.id } };
      socket.send(JSON.stringify(ready));
      socket.on('close', () => {
        ended = true;
        clearInterval(ping);
        clearTimeout(expiry);
        attached.detach();
      });
    },
  );
}
