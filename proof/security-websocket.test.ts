import { eq } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../apps/server/src/auth/auth-schema.ts';
import { createTestApp, type TestApp } from '../apps/server/src/test-support/test-app.ts';
import { countCase, printCaseCounts } from './helpers/case-counter.ts';
import { createInstancePair } from './helpers/instance-pair.ts';
import { closeWithin, listenForSockets, openLiveSocket, type LiveSocket } from './helpers/live-socket.ts';
import { maybeUnset } from './helpers/maybe-unset.ts';

const SUITE = 'security: WebSocket caps and expiry';
afterAll(() => printCaseCounts(SUITE));

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('WebSocket connections are capped per user and overall', () => {
  let t: TestApp;
  let base: string;
  const sockets: LiveSocket[] = [];
  const open = (token: string) => {
    const s = openLiveSocket(base, token);
    sockets.push(s);
    return s;
  };
  beforeAll(async () => {
    t = await createTestApp({
      LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
      WS_MAX_CONNECTIONS_PER_USER: '3',
      WS_MAX_CONNECTIONS: '5',
    });
    base = await listenForSockets(t.app);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.ws.terminate());
    await maybeUnset(t)?.close();
  });

  it('refuses a user past their cap with a clear close code, and takes them again once one closes', async () => {
    const person = await t.newUser();
    const first = [open(person.token), open(person.token), open(person.token)];
    await Promise.all(first.map((s) => s.ready));
    countCase(SUITE, 2);
    const extra = open(person.token);
    await expect(extra.ready).rejects.toThrow('closed 4429 too many connections for this account');

    first[0]!.ws.close();
    await first[0]!.closed;
    await expect(open(person.token).ready).resolves.toBeUndefined();
  });

  it('refuses anyone once the instance holds its overall cap', async () => {
    // Three sockets are open from the test above; two more fill the instance.
    const other = await t.newUser();
    await Promise.all([open(other.token).ready, open(other.token).ready]);
    countCase(SUITE);
    const third = await t.newUser();
    await expect(open(third.token).ready).rejects.toThrow('closed 1013 server at connection capacity');
  });
});

describe('a WebSocket lives no longer than its session, and admin events follow the current role', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '10000' });
    base = await listenForSockets(t.app);
  });
  afterAll(async () => maybeUnset(t)?.close());

  it('closes when its token expires', async () => {
    const person = await t.newUser();
    // The same session, re-signed to expire in two seconds (tokens last at least a minute).
    const claims = JSON.parse(Buffer.from(person.token.split('.')[1]!, 'base64url').toString());
    const shortLived = await new SignJWT({ role: claims.role, sid: claims.sid })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(person.user.id)
      .setIssuer('insignia')
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + 2)
      .sign(new TextEncoder().encode(t.ctx.config.jwtSecret));
    const socket = openLiveSocket(base, shortLived);
    await socket.ready;
    countCase(SUITE);
    expect(await closeWithin(socket, 4500)).toBe('4402 token expired');
  });

  it('closes at once on logout, and on an admin ending the sessions', async () => {
    const person = await t.newUser();
    const admin = await t.newAdmin();
    const socket = openLiveSocket(base, person.token);
    await socket.ready;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: bearer(person.token),
    });
    expect(res.statusCode, res.body).toBe(204);
    countCase(SUITE, 2);
    expect(await closeWithin(socket, 1000)).toBe('4401 session ended');
    // The dead token cannot open a new one.
    await expect(openLiveSocket(base, person.token).ready).rejects.toThrow('HTTP 401');

    const other = await t.newUser();
    const two = [openLiveSocket(base, other.token), openLiveSocket(base, other.token)];
    await Promise.all(two.map((s) => s.ready));
    const ended = await t.app.inject({
      method: 'POST',
      url: `/api/admin/users/${other.user.id}/sessions/end`,
      headers: bearer(admin.token),
    });
    expect(ended.statusCode, ended.body).toBe(200);
    for (const s of two) {
      countCase(SUITE);
      expect(await closeWithin(s, 1000)).toBe('4401 session ended');
    }
  });

  it('stops admin events to a socket whose user is no longer an admin', async () => {
    const admin = await t.newAdmin();
    const socket = openLiveSocket(base, admin.token);
    await socket.ready;
    const publishAdminEvent = (id: string) =>
      t.ctx.live.publish({ audience: { admins: true }, event: 'claim:requested', data: { claimId: id }, id });
    await publishAdminEvent('before');
    await expect.poll(() => socket.messages.map((m) => m.event)).toEqual(['claim:requested']);

    await t.ctx.database.db.update(users).set({ role: 'user' }).where(eq(users.id, admin.user.id));
    await publishAdminEvent('after');
    countCase(SUITE, 2);
    expect(await closeWithin(socket, 1000)).toBe('4403 role changed');
    expect(socket.messages.map((m) => m.data.claimId)).toEqual(['before']);
  });
});

const databaseUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;
const describeShared = databaseUrl && redisUrl ? describe : describe.skip;

describeShared(
  `sockets on another instance close too${databaseUrl && redisUrl ? '' : ' (skipped: needs TEST_DATABASE_URL and TEST_REDIS_URL; CI runs it in its PostgreSQL pass)'}`,
  () => {
    let pair: Awaited<ReturnType<typeof createInstancePair>>;
    beforeAll(async () => {
      pair = await createInstancePair({
        adminDatabaseUrl: databaseUrl!,
        redisUrl: redisUrl!,
        env: { LOGIN_RATE_LIMIT_PER_MINUTE: '10000' },
      });
      await Promise.all([pair.a.ctx.live.ready(), pair.b.ctx.live.ready()]);
    }, 120_000);
    afterAll(async () => maybeUnset(pair)?.close());

    it('a logout on instance A closes the same session’s socket on instance B', async () => {
      const person = await pair.a.newUser();
      const socket = openLiveSocket(await listenForSockets(pair.b.app), person.token);
      await socket.ready;
      const res = await pair.a.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: bearer(person.token),
      });
      expect(res.statusCode, res.body).toBe(204);
      countCase(SUITE);
      expect(await closeWithin(socket, 1000)).toBe('4401 session ended');
    });
  },
);
