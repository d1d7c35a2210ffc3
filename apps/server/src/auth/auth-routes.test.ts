import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { testDatabaseKind } from '../test-support/test-database.ts';

describe(`register, login and roles (${testDatabaseKind()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(async () => t.close());

  const me = (token: string) =>
    t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });

  it('registers a user who can then log in and read /api/me', async () => {
    const reg = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { email: 'Alice@Example.com', password: 'alice password' },
    });
    expect(reg.statusCode).toBe(201);
    expect(reg.json().user).toMatchObject({ email: 'alice@example.com', role: 'user', walletAddress: null });
    expect(reg.body).not.toContain('password');

    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'alice@example.com', password: 'alice password' },
    });
    expect(login.statusCode).toBe(200);
    const res = await me(login.json().token);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.email).toBe('alice@example.com');
  });

  it('refuses a second account with the same email', async () => {
    const payload = { email: 'dup@example.com', password: 'some password' };
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/register', payload })).statusCode).toBe(201);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { ...payload, email: 'DUP@example.com' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('AUTH__EMAIL_TAKEN');
  });

  it('refuses a wrong password and an unknown email with the same code', async () => {
    const u = await t.newUser();
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: u.user.email, password: 'not it at all' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'nobody@example.com', password: 'not it at all' },
    });
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect(wrong.json().error.code).toBe('AUTH__INVALID_CREDENTIALS');
    expect(unknown.json().error.code).toBe('AUTH__INVALID_CREDENTIALS');
  });

  it('refuses missing, forged and expired tokens', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/me' })).json().error.code).toBe(
      'AUTH__UNAUTHENTICATED',
    );
    const u = await t.newUser();
    const [h, p] = u.token.split('.');
    const forged = `${h}.${p}.${'A'.repeat(43)}`;
    expect((await me(forged)).statusCode).toBe(401);
    const otherKey = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(u.user.id)
      .setIssuer('insignia')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('x'.repeat(40)));
    expect((await me(otherKey)).json().error.code).toBe('AUTH__TOKEN_INVALID');
    const expired = await new SignJWT({ role: 'user' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(u.user.id)
      .setIssuer('insignia')
      .setIssuedAt(1_600_000_000)
      .setExpirationTime(1_600_000_100)
      .sign(new TextEncoder().encode(t.ctx.config.jwtSecret));
    expect((await me(expired)).json().error.code).toBe('AUTH__TOKEN_INVALID');
  });

  it('keeps admin routes from anonymous callers and plain users', async () => {
    const u = await t.newUser();
    const admin = await t.newAdmin();
    const anon = await t.app.inject({ method: 'GET', url: '/api/admin/overview' });
    const user = await t.app.inject({
      method: 'GET',
      url: '/api/admin/users',
      headers: { authorization: `Bearer ${u.token}` },
    });
    const ok = await t.app.inject({
      method: 'GET',
      url: '/api/admin/overview',
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(anon.statusCode).toBe(401);
    expect(user.statusCode).toBe(403);
    expect(user.json().error.code).toBe('AUTH__FORBIDDEN');
    expect(ok.statusCode).toBe(200);
    expect(ok.json().admins).toBeGreaterThanOrEqual(1);
  });

  it('rate-limits login attempts', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '10.9.9.9',
        payload: { email: 'brute@example.com', password: `guess-${i}` },
      });
      codes.push(res.statusCode);
      if (res.statusCode === 429) expect(res.json().error.code).toBe('RATE_LIMITED');
    }
    expect(codes.slice(0, 5).every((c) => c === 401)).toBe(true);
    expect(codes.slice(5)).toEqual([429, 429]);
  });
});

describe('host platform JWTs', () => {
  let t: TestApp;
  const hostSecret = 'host-platform-shared-secret-0123456789';
  beforeAll(async () => {
    t = await createTestApp({
      HOST_JWT_SECRET: hostSecret,
      HOST_JWT_ISSUER: 'exchange',
      HOST_JWT_AUDIENCE: 'insignia',
    });
  });
  afterAll(async () => t.close());

  const hostToken = (claims: Record<string, unknown>, issuer = 'exchange') =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('ext-42')
      .setIssuer(issuer)
      .setAudience('insignia')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(hostSecret));

  it('accepts a host token, creating the user once, never as admin', async () => {
    const token = await hostToken({ email: 'trader@exchange.example', role: 'admin' });
    const first = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${token}` },
    });
    const second = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().user).toMatchObject({ email: 'trader@exchange.example', role: 'user' });
    expect(second.json().user.id).toBe(first.json().user.id);
  });

  it('refuses a host token from the wrong issuer', async () => {
    const token = await hostToken({ email: 'x@exchange.example' }, 'someone-else');
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(401);
  });
});
