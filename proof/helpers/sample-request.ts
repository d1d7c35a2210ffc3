import fc from 'fast-check';
import type { RouteSpec } from './route-catalogue.ts';
import { validValue, validWire } from './schema-arbitrary.ts';

export interface SampleRequest {
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
}

const one = <T>(arb: fc.Arbitrary<T>, seed: number): T => fc.sample(arb, { numRuns: 1, seed })[0]!;

/**
 * A request the route's schema accepts (as far as JSON Schema can say), the same on every run:
 * used to ask "who may call this" without the answer being a validation error.
 */
export function sampleRequest(
  route: RouteSpec,
  overrides: Record<string, string> = {},
  seed = 42,
): SampleRequest {
  const params = Object.fromEntries(route.pathParams.map((p) => [p.name, one(validWire(p.schema), seed)]));
  const query = Object.fromEntries(
    route.query.filter((q) => q.required).map((q) => [q.name, one(validWire(q.schema), seed)]),
  );
  return {
    params: { ...params, ...overrides },
    query,
    body: route.body ? one(validValue(route.body), seed) : undefined,
  };
}
