import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.ts';

interface GateState {
  draining: boolean;
  closing: boolean;
  /** Requests being answered (WebSocket upgrades aside: sockets close with the live hub). */
  inFlight: Set<FastifyRequest>;
  onIdle: Set<() => void>;
}

// Keyed by the HTTP server, which every encapsulated Fastify instance of one app shares.
const gates = new WeakMap<object, GateState>();

/** Routes the gate lets through: liveness stays up, readiness answers 503 itself (its own body). */
const ungated = new Set(['/healthz', '/readyz']);

/**
 * While the server drains and closes, a request that still arrives gets the one error body, 503
 * `SERVICE__SHUTTING_DOWN`, instead of Fastify's own closing answer (which
 * `return503OnClosing: false` turns off). While draining the port stays open: `/readyz` says
 * 503 (see `isShuttingDown`), so load balancers stop sending work, and `/healthz` stays up.
 */
export function registerShutdownGate(app: FastifyInstance): void {
  const state: GateState = { draining: false, closing: false, inFlight: new Set(), onIdle: new Set() };
  gates.set(app.server, state);
  const done = (request: FastifyRequest) => {
    if (!state.inFlight.delete(request) || state.inFlight.size > 0) return;
    for (const resolve of state.onIdle) resolve();
    state.onIdle.clear();
  };
  app.addHook('preClose', (next) => {
    state.closing = true;
    next();
  });
  app.addHook('onRequest', (request, reply, next) => {
    const route = request.routeOptions.url;
    const gated = state.closing || (state.draining && !(route && ungated.has(route)));
    if (!gated) {
      if (!request.headers.upgrade) state.inFlight.add(request);
      next();
      return;
    }
    void reply.header('connection', 'close');
    next(new AppError('SERVICE__SHUTTING_DOWN'));
  });
  app.addHook('onResponse', (request, _reply, next) => {
    done(request);
    next();
  });
  app.addHook('onRequestAbort', (request, next) => {
    done(request);
    next();
  });
}

/** Whether `app` is draining or closing: readiness reports 503 from then on. */
export function isShuttingDown(app: FastifyInstance): boolean {
  const state = gates.get(app.server);
  return Boolean(state && (state.draining || state.closing));
}

/**
 * The first step of a shutdown: from now on every request but `/healthz` and `/readyz` gets 503,
 * while the port stays open. Resolves once the requests already running have been answered.
 */
export function startDraining(app: FastifyInstance): Promise<void> {
  const state = gates.get(app.server);
  if (!state) return Promise.resolve();
  state.draining = true;
  if (state.inFlight.size === 0) return Promise.resolve();
  return new Promise((resolve) => state.onIdle.add(resolve));
}
