import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { RateLimitStore } from './rate-limit-store.ts';

/** Lets @fastify/rate-limit count per route in our store (shared, with its fallback). */
export function fastifyStoreOver(store: RateLimitStore): FastifyRateLimitStoreCtor {
  class RouteStore implements FastifyRateLimitStore {
    constructor(
      _options: unknown,
      private readonly prefix = 'route:',
    ) {}

    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      store.hit(this.prefix + key, timeWindow).then(
        ({ count, ttlMs }) => callback(null, { current: count, ttl: ttlMs }),
        (err: unknown) => {
          callback(err instanceof Error ? err : new Error(String(err)));
        },
      );
    }

    // The plugin passes the route's merged limit settings, the route itself under `routeInfo`
    // (its typings say otherwise). Each route counts apart.
    child(settings: object): FastifyRateLimitStore {
      const route = (settings as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo;
      if (typeof route?.url !== 'string' || !route.url)
        throw new Error('rate-limit store: a route limit without its route');
      return new RouteStore(undefined, `route:${String(route.method)} ${route.url}:`);
    }
  }
  return RouteStore;
}
