import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../apps/server/src/test-support/test-app.ts';
import { countCase, printCaseCounts } from './helpers/case-counter.ts';
import { maybeUnset } from './helpers/maybe-unset.ts';
import { describeRoute, loadRouteCatalogue, routeUrl, type RouteSpec } from './helpers/route-catalogue.ts';
import { invalidValue, invalidWire, validValue, validWire } from './helpers/schema-arbitrary.ts';
import { changedTables, stateFingerprint } from './helpers/state-fingerprint.ts';

const LONG = process.env.PROOF_LONG === '1';
const RUNS = LONG ? 300 : 25;
const SUITE = 'security: fuzzing';

interface FuzzRequest {
  params: Record<string, string>;
  query: Record<string, string>;
  body?: unknown;
  /** A raw payload instead of JSON (malformed text, other content types). */
  raw?: { payload: string; contentType: string };
}

/** Requests with exactly one part (a body field, a path or query parameter) the schema forbids. */
function violating(route: RouteSpec): fc.Arbitrary<FuzzRequest> | undefined {
  const params = fc.record(Object.fromEntries(route.pathParams.map((p) => [p.name, validWire(p.schema)])));
  const query = fc.record(
    Object.fromEntries(route.query.filter((q) => q.required).map((q) => [q.name, validWire(q.schema)])),
  );
  const body = route.body ? validValue(route.body) : fc.constant(undefined);
  const valid = fc.record({ params, query, body });
  const options: fc.Arbitrary<FuzzRequest>[] = [];
  if (route.body)
    options.push(fc.tuple(valid, invalidValue(route.body)).map(([v, bad]) => ({ ...v, body: bad })));
  for (const p of route.pathParams) {
    const bad = invalidWire(p.schema);
    if (bad)
      options.push(fc.tuple(valid, bad).map(([v, b]) => ({ ...v, params: { ...v.params, [p.name]: b } })));
  }
  for (const q of route.query) {
    const bad = invalidWire(q.schema);
    if (bad)
      options.push(fc.tuple(valid, bad).map(([v, b]) => ({ ...v, query: { ...v.query, [q.name]: b } })));
  }
  return options.length > 0 ? fc.oneof(...options) : undefined;
}

/** Anything at all where the route takes input: random JSON, random strings, malformed text. */
function garbage(route: RouteSpec): fc.Arbitrary<FuzzRequest> {
  const text = fc.string({ unit: 'binary', maxLength: 40 });
  return fc.record({
    params: fc.record(
      Object.fromEntries(route.pathParams.map((p) => [p.name, text.filter((s) => s.length > 0)])),
    ),
    query: fc.dictionary(
      fc.oneof(fc.constantFrom(...route.query.map((q) => q.name), '__proto__'), text),
      text,
      {
        maxKeys: 3,
      },
    ),
    body: route.body ? fc.jsonValue({ maxDepth: 3 }) : fc.constant(undefined),
    raw: route.body
      ? fc.option(
          fc.record({
            payload: fc.oneof(text, fc.constantFrom('{"a":', '[1,2', '{"__proto__":{"admin":true}}', 'null')),
            contentType: fc.constantFrom(
              'application/json',
              'text/plain',
              'application/x-www-form-urlencoded',
            ),
          }),
          { nil: undefined },
        )
      : fc.constant(undefined),
  });
}

describe(`property-based fuzzing of every route that takes input (${RUNS} runs per property)`, () => {
  let t: TestApp;
  let routes: RouteSpec[];
  let headers: Record<string, string>;
  let fingerprint: Record<string, string>;
  const outcomes = new Map<string, number>();
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '10000' });
    // The most privileged caller there is, so every request reaches the schema and the handler.
    headers = {
      authorization: `Bearer ${(await t.newAdmin()).token}`,
      'x-api-key': t.ctx.config.ingestApiKey,
    };
    routes = (await loadRouteCatalogue(t.app)).filter((r) => r.body || r.pathParams.length || r.query.length);
    fingerprint = await stateFingerprint(t.ctx.database.db);
  });
  afterAll(async () => {
    await maybeUnset(t)?.close();
    printCaseCounts(SUITE);
    console.log(`${SUITE}: answers`, Object.fromEntries([...outcomes].sort((a, b) => b[1] - a[1])));
  });

  const send = async (route: RouteSpec, req: FuzzRequest): Promise<LightMyRequestResponse> => {
    countCase(SUITE);
    const options: InjectOptions = {
      method: route.method,
      url: routeUrl(route, req.params, req.query),
      headers,
    };
    if (req.raw) {
      options.payload = req.raw.payload;
      options.headers = { ...headers, 'content-type': req.raw.contentType };
    } else if (req.body !== undefined) {
      options.payload = JSON.stringify(req.body);
      options.headers = { ...headers, 'content-type': 'application/json' };
    }
    return t.app.inject(options);
  };

  /** A refusal carries a code and leaves every table as it was; an acceptance moves the baseline. */
  const judge = async (res: LightMyRequestResponse, mustRefuse: boolean) => {
    const key =
      res.statusCode >= 400 ? `${res.statusCode} ${res.json().error?.code}` : String(res.statusCode);
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    const where = `${res.statusCode} ${res.body.slice(0, 300)}`;
    expect(res.statusCode, where).toBeLessThan(500);
    if (mustRefuse) expect(res.statusCode, where).toBeGreaterThanOrEqual(400);
    const after = await stateFingerprint(t.ctx.database.db);
    if (res.statusCode >= 400) {
      expect(typeof res.json().error?.code, where).toBe('string');
      expect(changedTables(fingerprint, after), `a refused request changed state: ${where}`).toEqual([]);
    }
    fingerprint = after;
  };

  it('covers every route that takes input', () => {
    expect(routes.length).toBeGreaterThan(20);
  });

  it('schema-violating input is refused with 4xx and a code, and changes nothing', async () => {
    for (const route of routes) {
      const arb = violating(route);
      if (!arb) continue;
      await fc
        .assert(
          fc.asyncProperty(arb, async (req) => judge(await send(route, req), true)),
          { numRuns: RUNS, interruptAfterTimeLimit: 60_000 },
        )
        .catch((e: unknown) => {
          throw new Error(`${describeRoute(route)}: ${e instanceof Error ? e.message : String(e)}`);
        });
    }
  }, 1_800_000);

  it('input the schema allows reaches the handler and never yields a 5xx; refusals change nothing', async () => {
    for (const route of routes) {
      const valid = fc.record({
        params: fc.record(Object.fromEntries(route.pathParams.map((p) => [p.name, validWire(p.schema)]))),
        query: fc.record(Object.fromEntries(route.query.map((q) => [q.name, validWire(q.schema)])), {
          requiredKeys: route.query.filter((q) => q.required).map((q) => q.name),
        }),
        body: route.body ? validValue(route.body) : fc.constant(undefined),
      });
      await fc
        .assert(
          fc.asyncProperty(valid, async (req) => judge(await send(route, req), false)),
          { numRuns: RUNS, interruptAfterTimeLimit: 60_000 },
        )
        .catch((e: unknown) => {
          throw new Error(`${describeRoute(route)}: ${e instanceof Error ? e.message : String(e)}`);
        });
    }
  }, 1_800_000);

  it('random input never yields a 5xx; whatever is refused changes nothing', async () => {
    for (const route of routes) {
      await fc
        .assert(
          fc.asyncProperty(garbage(route), async (req) => judge(await send(route, req), false)),
          { numRuns: RUNS, interruptAfterTimeLimit: 60_000 },
        )
        .catch((e: unknown) => {
          throw new Error(`${describeRoute(route)}: ${e instanceof Error ? e.message : String(e)}`);
        });
    }
  }, 1_800_000);
});
