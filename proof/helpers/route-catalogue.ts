import type { FastifyInstance } from 'fastify';
import type { JsonSchema } from './schema-arbitrary.ts';

/** Who a route is for, as its OpenAPI entry declares it. */
export type Access = 'public' | 'user' | 'admin' | 'apiKey';

export interface RouteSpec {
  method: string;
  /** The OpenAPI path, with `{param}` placeholders. */
  path: string;
  access: Access;
  pathParams: Array<{ name: string; schema: JsonSchema }>;
  query: Array<{ name: string; schema: JsonSchema; required: boolean }>;
  body: JsonSchema | undefined;
}

interface OpenApiOperation {
  security?: Array<Record<string, unknown>>;
  parameters?: Array<{ in: string; name: string; required?: boolean; schema: JsonSchema }>;
  requestBody?: { content?: Record<string, { schema: JsonSchema }> };
}

/**
 * Every route of the running app, read from its own OpenAPI document: a route added tomorrow
 * is in the security suites without anyone listing it. Admin routes are the `/api/admin/` ones.
 */
export async function loadRouteCatalogue(app: FastifyInstance): Promise<RouteSpec[]> {
  const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
    paths: Record<string, Record<string, OpenApiOperation>>;
  }>();
  const routes: RouteSpec[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      const schemes = (op.security ?? []).flatMap((s) => Object.keys(s));
      const access: Access = schemes.includes('apiKey')
        ? 'apiKey'
        : schemes.includes('bearerAuth')
          ? path.startsWith('/api/admin/')
            ? 'admin'
            : 'user'
          : 'public';
      const params = op.parameters ?? [];
      routes.push({
        method: method.toUpperCase(),
        path,
        access,
        pathParams: params.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema })),
        query: params
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, schema: p.schema, required: p.required ?? false })),
        body: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return routes;
}

/** The URL of a route with its path parameters filled in (encoded) and a query string. */
export function routeUrl(
  route: Pick<RouteSpec, 'path'>,
  params: Record<string, string>,
  query: Record<string, string> = {},
): string {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
  const qs = new URLSearchParams(query).toString();
  return qs ? `${path}?${qs}` : path;
}

export const describeRoute = (r: Pick<RouteSpec, 'method' | 'path'>) => `${r.method} ${r.path}`;
