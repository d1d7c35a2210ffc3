import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnvConfig } from '../apps/server/src/config/load-config.ts';
import { createTestApp, type TestApp } from '../apps/server/src/test-support/test-app.ts';
import { countCase, printCaseCounts } from './helpers/case-counter.ts';
import { maybeUnset } from './helpers/maybe-unset.ts';

const SUITE = 'security: client address behind a proxy';
afterAll(() => printCaseCounts(SUITE));

const clientAddress = () => `10.${[...randomBytes(3)].join('.')}`;

/** A login for an address nobody owns, so only the per-client limit can refuse it. */
const strangerLogin = (t: TestApp, request: { remoteAddress: string; forwardedFor?: string }) => {
  countCase(SUITE);
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: request.remoteAddress,
    ...(request.forwardedFor ? { headers: { 'x-forwarded-for': request.forwardedFor } } : {}),
    payload: { email: `nobody-${randomBytes(6).toString('hex')}@example.com`, password: 'wrong password' },
  });
};
const PROXY = '192.0.2.10';

describe('the client address behind a reverse proxy (TRUST_PROXY)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      LOGIN_RATE_LIMIT_PER_MINUTE: '3',
      TRUST_PROXY: `${PROXY}, 2001:db8:ffff::/48`,
    });
  });
  afterAll(async () => maybeUnset(t)?.close());

  it('X-Forwarded-For from a peer that is not a trusted proxy is ignored: a new header is no new bucket', async () => {
    const peer = clientAddress();
    for (let i = 0; i < 3; i++) {
      expect(
        (await strangerLogin(t, { remoteAddress: peer, forwardedFor: clientAddress() })).statusCode,
      ).toBe(401);
    }
    expect((await strangerLogin(t, { remoteAddress: peer, forwardedFor: clientAddress() })).statusCode).toBe(
      429,
    );
  });

  it('behind a trusted proxy each client has its own bucket, named by X-Forwarded-For', async () => {
    const alice = clientAddress();
    for (let i = 0; i < 3; i++) {
      expect((await strangerLogin(t, { remoteAddress: PROXY, forwardedFor: alice })).statusCode).toBe(401);
    }
    expect((await strangerLogin(t, { remoteAddress: PROXY, forwardedFor: alice })).statusCode).toBe(429);
    // Another client of the same proxy is not punished for Alice's attempts.
    expect((await strangerLogin(t, { remoteAddress: PROXY, forwardedFor: clientAddress() })).statusCode).toBe(
      401,
    );
  });

  it('a spoofed entry the client puts before the one the proxy appends gets no fresh bucket', async () => {
    const mallory = clientAddress();
    const spoofed = () => `${clientAddress()}, ${mallory}`;
    for (let i = 0; i < 3; i++) {
      expect((await strangerLogin(t, { remoteAddress: PROXY, forwardedFor: spoofed() })).statusCode).toBe(
        401,
      );
    }
    expect((await strangerLogin(t, { remoteAddress: PROXY, forwardedFor: spoofed() })).statusCode).toBe(429);
  });

  it('IPv6 clients in one /64 share a bucket; the next /64 has its own', async () => {
    const prefix = `2001:db8:${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}`;
    for (let i = 1; i <= 3; i++) {
      const from = `${prefix}:${randomBytes(2).toString('hex')}::${i}`;
      expect((await strangerLogin(t, { remoteAddress: from })).statusCode).toBe(401);
    }
    expect((await strangerLogin(t, { remoteAddress: `${prefix}:abcd:ef01:2345:6789` })).statusCode).toBe(429);
    // Same /64 reached through an IPv6 proxy range that is trusted.
    expect(
      (await strangerLogin(t, { remoteAddress: '2001:db8:ffff::1', forwardedFor: `${prefix}::77` }))
        .statusCode,
    ).toBe(429);
    const [a, b, c, d] = prefix.split(':');
    const nextNet = `${a}:${b}:${c}:${(parseInt(d!, 16) ^ 1).toString(16)}::1`;
    expect((await strangerLogin(t, { remoteAddress: nextNet })).statusCode).toBe(401);
  });

  it('TRUST_PROXY accepts only addresses and CIDRs: "trust everyone" is refused at start', () => {
    for (const bad of [
      '*',
      'true',
      '0.0.0.0/0',
      '::/0',
      '::/7',
      '::ffff:0:0/96',
      '10.0.0.0/33',
      'proxy.example',
      '1',
    ]) {
      expect(() => loadEnvConfig({ TRUST_PROXY: bad }), bad).toThrow(
        expect.objectContaining({ code: 'CONFIG__INVALID' }),
      );
    }
    expect(loadEnvConfig({}).TRUST_PROXY).toEqual([]);
    expect(loadEnvConfig({ TRUST_PROXY: '10.0.0.1, 172.16.0.0/12,fd00::/8' }).TRUST_PROXY).toEqual([
      '10.0.0.1',
      '172.16.0.0/12',
      'fd00::/8',
    ]);
  });
});
