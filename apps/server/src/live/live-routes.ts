import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthService } from '../auth/auth-service.ts';
import type { TokenService } from '../auth/token-service.ts';
import type { LiveHub } from './live-hub.ts';

const PING_INTERVAL_MS = 25_000;

/**
 * `GET /api/ws?token=…`: a WebSocket that receives the user's own live events (and admin
 * events for admins). Browsers cannot set headers on a WebSocket, hence the token in the query.
 */
export function registerLiveRoutes(
  app: FastifyInstance,
  deps: { hub: LiveHub; tokens: TokenService; auth: AuthService },
): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/ws',
    {
      websocket: true,
      schema: { tags: ['live'], querystring: z.object({ token: z.string().min(10).max(4096) }) },
      // Runs after query validation and before the upgrade: a bad token gets a plain 401.
      preHandler: async (request) => {
        const { token } = request.query as { token: string };
        request.user = await deps.auth.resolveIdentity(await deps.tokens.verify(token));
      },
    },
    (socket, request) => {
      const user = request.user!;
      const detach = deps.hub.attach({
        userId: user.id,
        role: user.role,
        send: (text) => socket.send(text),
      });
      const ping = setInterval(() => socket.ping(), PING_INTERVAL_MS);
      socket.send(JSON.stringify({ event: 'ready', data: { userId: user.id } }));
      socket.on('close', () => {
        clearInterval(ping);
        detach();
      });
    },
  );
}
