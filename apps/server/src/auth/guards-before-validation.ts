import type { FastifyInstance, RouteOptions } from 'fastify';
import type { AuthGuards } from './auth-guards.ts';

type Hook = NonNullable<RouteOptions['onRequest']>;
const asList = (hooks: unknown): unknown[] =>
  hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks];

/**
 * Checks the caller before anything else about the request, on every route, in one place.
 * Fastify's order is onRequest, preParsing, body parsing, preValidation, schema validation,
 * preHandler: a guard in `preHandler` answered anonymous callers with 400 and the schema's
 * details (and one in `preValidation` still let them probe the JSON parser). This `onRoute` hook
 * moves every guard from `createAuthGuards`, wherever a route declares it, to `onRequest`:
 * 401/403 before the body is even read.
 *
 * It also refuses to start with a route whose OpenAPI entry and guard disagree (`security`
 * declared without a guard, or a guard without `security`): the document is what the
 * authorization matrix tests, so it must say what is enforced.
 */
export function registerGuardsBeforeValidation(app: FastifyInstance, guards: AuthGuards): void {
  const known = new Set<unknown>(Object.values(guards));
  app.addHook('onRoute', (route) => {
    const found: unknown[] = asList(route.onRequest).filter((h) => known.has(h));
    for (const phase of ['preParsing', 'preValidation', 'preHandler'] as const) {
      const hooks = asList(route[phase]);
      const guardsHere = hooks.filter((h) => known.has(h));
      if (guardsHere.length === 0) continue;
      found.push(...guardsHere);
      const rest = hooks.filter((h) => !known.has(h));
      (route as unknown as Record<string, unknown>)[phase] = rest.length > 0 ? rest : undefined;
      route.onRequest = [...asList(route.onRequest), ...guardsHere] as Hook;
    }
    const declared = (route.schema as { security?: unknown[] } | undefined)?.security?.length ?? 0;
    const routeName = `${String(route.method)} ${route.url}`;
    if (declared > 0 && found.length === 0) {
      throw new Error(`${routeName} declares security in its schema but has no auth guard`);
    }
    if (declared === 0 && found.length > 0) {
      throw new Error(`${routeName} has an auth guard but declares no security in its schema`);
    }
  });
}
