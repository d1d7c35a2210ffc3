import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { siwsChallenges } from '../apps/server/src/auth/auth-schema.ts';
import { createTestApp, type TestApp } from '../apps/server/src/test-support/test-app.ts';
import { createTestWallet } from '../apps/server/src/test-support/test-wallet.ts';
import { countCase, printCaseCounts } from './helpers/case-counter.ts';
import { maybeUnset } from './helpers/maybe-unset.ts';
import { wsText } from './helpers/ws-text.ts';

const SUITE = 'security: tokens and wallet proofs';
afterAll(() => printCaseCounts(SUITE));

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const secretKey = (s: string) => new TextEncoder().encode(s);

describe('JWTs: forged, expired, tampered and wrong-algorithm tokens are refused', () => {
  let t: TestApp;
  let user: { token: string; user: { id: string } };
  let admin: { token: string; user: { id: string } };
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '10000' });
    user = await t.newUser();
    admin = await t.newAdmin();
  });
  afterAll(async () => maybeUnset(t)?.close());

  const sign = (
    claims: { sub?: string; iss?: string; role?: string; sid?: string },
    options: { secret?: string; alg?: string; exp?: number | string } = {},
  ) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: options.alg ?? 'HS256' })
      .setSubject(claims.sub ?? user.user.id)
      .setIssuer(claims.iss ?? 'insignia')
      .setIssuedAt()
      .setExpirationTime(options.exp ?? '1h')
      .sign(secretKey(options.secret ?? t.ctx.config.jwtSecret));

  const forgeries: Array<[string, () => Promise<string>]> = [
    ['signed with another secret', () => sign({ role: 'user' }, { secret: randomBytes(32).toString('hex') })],
    ['expired', () => sign({ role: 'user' }, { exp: Math.floor(Date.now() / 1000) - 60 })],
    ['from another issuer', () => sign({ iss: 'someone-else', role: 'user' })],
    ['HS512 with the right secret', () => sign({ role: 'user' }, { alg: 'HS512' })],
    [
      'alg none',
      () =>
        Promise.resolve(
          `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: user.user.id, iss: 'insignia', exp: 9e9 })}.`,
        ),
    ],
    [
      'RS256 with a key of its own',
      async () => {
        const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
        return new SignJWT({ role: 'admin' })
          .setProtectedHeader({ alg: 'RS256' })
          .setSubject(admin.user.id)
          .setIssuer('insignia')
          .setExpirationTime('1h')
          .sign(privateKey);
      },
    ],
    [
      'a user token with its payload swapped for the admin',
      () => {
        const [header, , signature] = user.token.split('.');
        return Promise.resolve(
          `${header}.${b64({ sub: admin.user.id, iss: 'insignia', role: 'admin', exp: 9e9 })}.${signature}`,
        );
      },
    ],
    ['garbage', () => Promise.resolve('not.a.jwt')],
  ];

  it.each(forgeries)('%s: 401 on every kind of route', async (_name, forge) => {
    const token = await forge();
    for (const url of ['/api/me', '/api/nft/status', '/api/admin/dashboard', '/api/badges']) {
      countCase(SUITE);
      const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(401);
      expect(res.json().error.code).toBe('AUTH__TOKEN_INVALID');
    }
  });

  it('the role comes from the database, not the token: a user token claiming admin stays a user', async () => {
    countCase(SUITE);
    // Re-signed under the user's own live session, so only the role claim differs.
    const { sid } = JSON.parse(Buffer.from(user.token.split('.')[1]!, 'base64url').toString());
    const token = await sign({ role: 'admin', sid });
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/admin/dashboard',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('AUTH__FORBIDDEN');
  });

  it('a validly signed token for nobody is refused, never a 500', async () => {
    countCase(SUITE);
    const token = await sign({ sub: randomUUID(), role: 'user' });
    for (const url of ['/api/me', '/api/nft/status']) {
      const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
      expect([401, 404], `${url}: ${res.body}`).toContain(res.statusCode);
    }
  });

  it('the WebSocket refuses a missing, forged or expired token and greets a valid one', async () => {
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = t.app.server.address() as { port: number };
    const open = (query: string) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/api/ws${query}`);
        ws.on('unexpected-response', (_req, res) => resolve(`refused ${res.statusCode}`));
        ws.on('message', (data) => {
          resolve(wsText(data));
          ws.close();
        });
        ws.on('error', (e) => resolve(`error ${e.message}`));
      });
    const forged = await sign({ role: 'user' }, { secret: randomBytes(32).toString('hex') });
    const expired = await sign({ role: 'user' }, { exp: Math.floor(Date.now() / 1000) - 60 });
    for (const [query, expected] of [
      ['', 'refused 400'],
      [`?token=${forged}`, 'refused 401'],
      [`?token=${expired}`, 'refused 401'],
    ]) {
      countCase(SUITE);
      expect(await open(query!)).toBe(expected);
    }
    countCase(SUITE);
    expect(JSON.parse(await open(`?token=${user.token}`))).toMatchObject({ event: 'ready' });
  });
});

describe('Sign-In-With-Solana: replayed, cross-domain, expired and mismatched proofs are refused', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '10000', PUBLIC_URL: 'https://loyalty.example' });
  });
  afterAll(async () => maybeUnset(t)?.close());

  const as = (token: string) => ({
    challenge: (address: string) =>
      t.app.inject({
        method: 'GET',
        url: `/api/auth/siws/challenge?address=${address}`,
        headers: { authorization: `Bearer ${token}` },
      }),
    link: (payload: object) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/me/wallet',
        headers: { authorization: `Bearer ${token}` },
        payload,
      }),
    me: () => t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } }),
  });
  const refusal = (res: { statusCode: number; json(): { error: { code: string } } }) =>
    `${res.statusCode} ${res.json().error.code}`;

  it('a replayed proof is refused, by its owner and by anyone else', async () => {
    const alice = as((await t.newUser()).token);
    const mallory = as((await t.newUser()).token);
    const wallet = createTestWallet();
    const { message } = (await alice.challenge(wallet.address)).json();
    const proof = { address: wallet.address, message, signature: wallet.signMessage(message) };
    expect((await alice.link(proof)).statusCode).toBe(200);
    countCase(SUITE, 2);
    expect(refusal(await alice.link(proof))).toBe('409 AUTH__SIWS_NONCE_USED');
    expect(refusal(await mallory.link(proof))).toBe('400 AUTH__SIWS_CHALLENGE_INVALID');
    expect((await mallory.me()).json().user.walletAddress).toBeNull();
  });

  it('a message edited to name another domain, or issued by another deployment, is refused', async () => {
    const bob = as((await t.newUser()).token);
    const wallet = createTestWallet();
    const { message } = (await bob.challenge(wallet.address)).json();
    expect(message).toContain('loyalty.example wants you to sign in');
    const phished = message.replace('loyalty.example', 'loyalty.example.evil.test');
    countCase(SUITE, 2);
    expect(
      refusal(
        await bob.link({ address: wallet.address, message: phished, signature: wallet.signMessage(phished) }),
      ),
    ).toBe('400 AUTH__SIWS_CHALLENGE_INVALID');
    const elsewhere = await createTestApp({ PUBLIC_URL: 'https://other.example' });
    try {
      const stranger = (await elsewhere.newUser()).token;
      const foreign = (
        await elsewhere.app.inject({
          method: 'GET',
          url: `/api/auth/siws/challenge?address=${wallet.address}`,
          headers: { authorization: `Bearer ${stranger}` },
        })
      ).json().message as string;
      expect(
        refusal(
          await bob.link({
            address: wallet.address,
            message: foreign,
            signature: wallet.signMessage(foreign),
          }),
        ),
      ).toBe('400 AUTH__SIWS_CHALLENGE_INVALID');
    } finally {
      await elsewhere.close();
    }
  });

  it('an expired challenge is refused even with a valid signature', async () => {
    countCase(SUITE);
    const carol = as((await t.newUser()).token);
    const wallet = createTestWallet();
    const { message, nonce } = (await carol.challenge(wallet.address)).json();
    // Ten minutes pass.
    await t.ctx.database.db
      .update(siwsChallenges)
      .set({ expiresAt: new Date(Date.now() - 1_000) })
      .where(eq(siwsChallenges.nonce, nonce));
    expect(
      refusal(await carol.link({ address: wallet.address, message, signature: wallet.signMessage(message) })),
    ).toBe('400 AUTH__SIWS_NONCE_EXPIRED');
  });

  it('a signature by another wallet, or a proof for another address, is refused', async () => {
    countCase(SUITE, 2);
    const dave = as((await t.newUser()).token);
    const [wallet, thief] = [createTestWallet(), createTestWallet()];
    const { message } = (await dave.challenge(wallet.address)).json();
    expect(
      refusal(await dave.link({ address: wallet.address, message, signature: thief.signMessage(message) })),
    ).toBe('400 AUTH__SIWS_INVALID_SIGNATURE');
    expect(
      refusal(await dave.link({ address: thief.address, message, signature: thief.signMessage(message) })),
    ).toBe('400 AUTH__SIWS_CHALLENGE_INVALID');
    expect((await dave.me()).json().user.walletAddress).toBeNull();
  });
});
