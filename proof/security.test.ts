import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badgeIssuances } from '../apps/server/src/badges/badges-schema.ts';
import { createChainBadge, issueToVault } from '../apps/server/src/claims/test-claim-fixtures.ts';
import { createTestApp, type TestApp } from '../apps/server/src/test-support/test-app.ts';
import { newChainUser, type ChainUser } from '../apps/server/src/test-support/test-chain-user.ts';
import { countCase, printCaseCounts } from './helpers/case-counter.ts';
import { maybeUnset } from './helpers/maybe-unset.ts';
import { describeRoute, loadRouteCatalogue, routeUrl, type RouteSpec } from './helpers/route-catalogue.ts';
import { sampleRequest } from './helpers/sample-request.ts';
import { invalidValue, invalidWire } from './helpers/schema-arbitrary.ts';

const SUITE = 'security: authorization matrix';
afterAll(() => printCaseCounts(SUITE));

/** Routes anyone may call. A new route without `security` in its schema must be added here on purpose. */
const PUBLIC_ROUTES = new Set([
  'GET /healthz',
  'GET /readyz',
  'GET /api/config/public',
  'POST /api/auth/register',
  'POST /api/auth/login',
  'GET /api/nft/levels',
  'GET /ipfs/{cid}',
  // Public verification pages: shareable proof of a badge or level NFT, nothing personal.
  'GET /api/public/badges/{issuanceId}',
  'GET /api/public/nfts/{mintAddress}',
  // Open Badges 3.0 credentials: the signed badge, its checks, any credential's checks, the
  // revocation status lists verifiers fetch. The recipient appears only as a salted hash.
  'GET /api/public/badges/{issuanceId}/credential',
  'GET /api/public/badges/{issuanceId}/credential/verification',
  'POST /api/public/credentials/verify',
  'GET /api/public/credentials/issuer',
  'GET /api/public/credentials/status/{list}',
]);

/**
 * User routes whose path names a resource someone owns: how to make one for `owner`, so that
 * another user's access can be tried. A new such route fails the matrix until it is listed.
 */
const OWNED_RESOURCES: Record<string, (owner: ChainUser) => Promise<Record<string, string>>> = {
  '/api/nft/requests/{id}': async (owner) => ({ id: await openUnlock(owner) }),
  '/api/nft/requests/{id}/submit': async (owner) => ({ id: await openUnlock(owner) }),
};
const unlocks = new Map<string, Promise<string>>();
function openUnlock(owner: ChainUser): Promise<string> {
  const existing = unlocks.get(owner.user.id);
  if (existing) return existing;
  const created = owner.call('POST', '/api/nft/unlock').then((r) => r.json().requestId as string);
  unlocks.set(owner.user.id, created);
  return created;
}

/** Routes that end the caller's session: each call gets a fresh session of the same person. */
const ENDS_OWN_SESSION = new Set(['POST /api/auth/logout']);

/**
 * Requests to `route` with one part wrong: a body the schema refuses, a body that is not JSON,
 * an invalid path or query parameter (the rest valid). Fixed seeds: the same on every run.
 */
function invalidRequests(route: RouteSpec) {
  const valid = sampleRequest(route);
  const json = (body: unknown) => (body === undefined ? undefined : JSON.stringify(body));
  const out: Array<{
    what: string;
    params: Record<string, string>;
    query: Record<string, string>;
    payload?: string;
  }> = [];
  const base = { params: valid.params, query: valid.query, payload: json(valid.body) };
  if (route.body) {
    out.push({
      ...base,
      what: 'invalid body',
      payload: json(fc.sample(invalidValue(route.body), { numRuns: 1, seed: 7 })[0]),
    });
    out.push({ ...base, what: 'body not JSON', payload: '{"truncated":' });
  }
  for (const p of route.pathParams) {
    const bad = invalidWire(p.schema);
    if (bad)
      out.push({
        ...base,
        what: `invalid ${p.name}`,
        params: { ...valid.params, [p.name]: fc.sample(bad, { numRuns: 1, seed: 7 })[0]! },
      });
  }
  for (const q of route.query) {
    const bad = invalidWire(q.schema);
    if (bad)
      out.push({
        ...base,
        what: `invalid ${q.name}`,
        query: { ...valid.query, [q.name]: fc.sample(bad, { numRuns: 1, seed: 7 })[0]! },
      });
  }
  return out;
}

const IDENTITY_REFUSALS = new Set(['AUTH__UNAUTHENTICATED', 'AUTH__TOKEN_INVALID', 'AUTH__INVALID_API_KEY']);
const SCHEMA_CODES = new Set([
  'VALIDATION__INVALID_BODY',
  'VALIDATION__INVALID_QUERY',
  'VALIDATION__INVALID_PARAMS',
]);
const codeOf = (res: LightMyRequestResponse): string | undefined => {
  try {
    return res.json()?.error?.code;
  } catch {
    return undefined;
  }
};
const refusedAs = (res: LightMyRequestResponse): 'unauthenticated' | 'forbidden' | 'schema' | undefined => {
  const code = codeOf(res);
  if (res.statusCode === 401 && code && IDENTITY_REFUSALS.has(code)) return 'unauthenticated';
  if (res.statusCode === 403 && code === 'AUTH__FORBIDDEN') return 'forbidden';
  if (res.statusCode === 400 && code && SCHEMA_CODES.has(code)) return 'schema';
  return undefined;
};

describe('authorization matrix over every route of the OpenAPI document', () => {
  let t: TestApp;
  let routes: RouteSpec[];
  let owner: ChainUser;
  let other: ChainUser;
  let admin: { token: string; user: { id: string; role: string } };
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '10000' });
    routes = await loadRouteCatalogue(t.app);
    owner = await newChainUser(t, { volumeUsd: '100000' });
    other = await newChainUser(t, { volumeUsd: '100000' });
    admin = await t.newAdmin();
  });
  afterAll(async () => maybeUnset(t)?.close());

  it('every public route is public on purpose', () => {
    const publicRoutes = routes.filter((r) => r.access === 'public').map(describeRoute);
    expect(publicRoutes.filter((r) => !PUBLIC_ROUTES.has(r))).toEqual([]);
    expect(routes.length).toBeGreaterThan(30);
  });

  it('anonymous, a user, another user and an admin are each let in or refused as the route says; never 5xx', async () => {
    const failures: string[] = [];
    let schemaRefusals = 0;
    for (const route of routes) {
      const name = describeRoute(route);
      const owned =
        route.access === 'user' && route.pathParams.length > 0 ? OWNED_RESOURCES[route.path] : undefined;
      if (route.access === 'user' && route.pathParams.length > 0 && !owned) {
        failures.push(
          `${name}: names a resource but has no OWNED_RESOURCES fixture (other-user case untested)`,
        );
      }
      const sample = sampleRequest(route, owned ? await owned(owner) : {});
      const call = (headers: Record<string, string>) => {
        countCase(SUITE);
        return t.app.inject({
          method: route.method as 'GET',
          url: routeUrl(route, sample.params, sample.query),
          headers,
          ...(sample.body === undefined ? {} : { payload: sample.body as object }),
        });
      };
      const fresh = ENDS_OWN_SESSION.has(name);
      const bearerOf = async (who: { token: string; user: { id: string; role: string } }) => ({
        authorization: `Bearer ${fresh ? await t.ctx.sessions.start(who.user) : who.token}`,
      });
      const key = { 'x-api-key': t.ctx.config.ingestApiKey };
      const answers = {
        anonymous: await call({}),
        user: await call(await bearerOf(owner)),
        otherUser: owned ? await call(await bearerOf(other)) : undefined,
        admin: await call(await bearerOf(admin)),
        apiKey: await call(key),
      };
      for (const [caller, res] of Object.entries(answers)) {
        if (res && res.statusCode >= 500)
          failures.push(`${name} as ${caller}: ${res.statusCode} ${res.body}`);
      }
      // Whoever the route is for gets past the guard; the sample is then valid if they get past the schema.
      const insider =
        route.access === 'apiKey' ? answers.apiKey : route.access === 'user' ? answers.user : answers.admin;
      const insiderRefusal = refusedAs(insider);
      if (insiderRefusal === 'unauthenticated' || insiderRefusal === 'forbidden') {
        failures.push(`${name}: refused the caller it is for (${insider.statusCode} ${codeOf(insider)})`);
      }
      const sampleValid = insiderRefusal !== 'schema';
      const expectRefused = (
        caller: string,
        res: LightMyRequestResponse,
        as: 'unauthenticated' | 'forbidden',
      ) => {
        const got = refusedAs(res);
        if (got === 'schema' && !sampleValid) schemaRefusals++;
        else if (got !== as)
          failures.push(
            `${name} as ${caller}: expected ${as}, got ${res.statusCode} ${res.body.slice(0, 200)}`,
          );
      };
      if (route.access !== 'public') expectRefused('anonymous', answers.anonymous, 'unauthenticated');
      if (route.access === 'admin') expectRefused('user', answers.user, 'forbidden');
      if (route.access === 'apiKey') {
        expectRefused('user', answers.user, 'unauthenticated');
        expectRefused('admin', answers.admin, 'unauthenticated');
      }
      if (route.access === 'user' || route.access === 'admin')
        expectRefused('api key', answers.apiKey, 'unauthenticated');
      if (answers.otherUser && ![403, 404].includes(answers.otherUser.statusCode)) {
        failures.push(
          `${name} as another user: ${answers.otherUser.statusCode} ${answers.otherUser.body.slice(0, 200)}`,
        );
      }
    }
    console.log(
      `${SUITE}: ${routes.length} routes; ${schemaRefusals} refusals came from the schema before the guard`,
    );
    expect(failures).toEqual([]);
  }, 120_000);

  it('with an invalid body, query or path, callers who may not call a route are refused as such, never told about the schema', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const route of routes.filter((r) => r.access !== 'public')) {
      const name = describeRoute(route);
      for (const bad of invalidRequests(route)) {
        const call = (headers: Record<string, string>) => {
          countCase(SUITE);
          return t.app.inject({
            method: route.method as 'GET',
            url: routeUrl(route, bad.params, bad.query),
            headers: {
              ...headers,
              ...(bad.payload === undefined ? {} : { 'content-type': 'application/json' }),
            },
            ...(bad.payload === undefined ? {} : { payload: bad.payload }),
          });
        };
        const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
        const key = { 'x-api-key': t.ctx.config.ingestApiKey };
        const who = route.access === 'user' ? owner : admin;
        const token = ENDS_OWN_SESSION.has(name) ? await t.ctx.sessions.start(who.user) : who.token;
        const insider = await call(route.access === 'apiKey' ? key : bearer(token));
        // Only requests the route's own caller is refused for as invalid say anything here.
        if (insider.statusCode !== 400) continue;
        checked++;
        const expectRefused = async (caller: string, headers: Record<string, string>, as: string) => {
          const res = await call(headers);
          if (refusedAs(res) !== as)
            failures.push(
              `${name} (${bad.what}) as ${caller}: expected ${as}, got ${res.statusCode} ${res.body.slice(0, 160)}`,
            );
        };
        await expectRefused('anonymous', {}, 'unauthenticated');
        if (route.access === 'admin') await expectRefused('user', bearer(owner.token), 'forbidden');
        if (route.access === 'apiKey') await expectRefused('admin', bearer(admin.token), 'unauthenticated');
        else await expectRefused('api key', key, 'unauthenticated');
      }
    }
    console.log(`${SUITE}: ${checked} invalid requests to guarded routes tried as outsiders`);
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(30);
  }, 180_000);
});

describe('another person’s ids in a request body are refused, and change nothing of theirs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '10000' });
  });
  afterAll(async () => maybeUnset(t)?.close());

  it('claiming someone else’s vaulted badge, or marking their notifications read, does nothing to them', async () => {
    const victim = await newChainUser(t, { linkWallet: true });
    const thief = await newChainUser(t, { linkWallet: true });
    const badge = await createChainBadge(t, 'Not yours');
    const issuance = await issueToVault(t, badge, victim.user.id);
    const notifications = (await victim.call('GET', '/api/badges/notifications')).json();
    const notificationIds = notifications.items.map((n: { id: string }) => n.id);
    expect(notificationIds.length).toBeGreaterThan(0);

    countCase(SUITE, 2);
    const claim = await thief.call('POST', '/api/badges/claims', { issuanceIds: [issuance.id] });
    expect([403, 404], claim.body).toContain(claim.statusCode);
    const read = await thief.call('POST', '/api/badges/notifications/read', { ids: notificationIds });
    expect(read.statusCode >= 400 || read.json().updated === 0, read.body).toBe(true);

    const [after] = await t.ctx.database.db
      .select()
      .from(badgeIssuances)
      .where(eq(badgeIssuances.id, issuance.id));
    expect(after).toMatchObject({ status: 'in_vault', walletAddress: null });
    const again = (await victim.call('GET', '/api/badges/notifications')).json();
    expect(again.items.filter((n: { readAt: string | null }) => n.readAt !== null)).toEqual([]);
  });
});
