import { createSecretKey } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { AppError } from '../errors/app-error.ts';

const ISSUER = 'insignia';

/** `sessionId` is the Insignia token's `sid`: the session it is honoured under (see session-service). */
export type TokenIdentity =
  | { source: 'insignia'; userId: string; sessionId: string | undefined }
  | { source: 'host'; externalId: string; email: string | undefined };

export interface HostJwtOptions {
  secret?: string | undefined;
  jwksUrl?: string | undefined;
  issuer?: string | undefined;
  audience?: string | undefined;
  /** Oldest `iat` accepted, in seconds; a host token is refused past it whatever its `exp`. */
  maxAgeSeconds?: number | undefined;
}

/** Issues Insignia's own JWTs and verifies them, and (when configured) the host platform's. */
export function createTokenService(options: { secret: string; ttlSeconds: number; host?: HostJwtOptions }) {
  // A KeyObject lets jose use Node's HMAC directly instead of importing a WebCrypto key per call.
  const key = createSecretKey(Buffer.from(options.secret, 'utf8'));

  const host = options.host;
  const hostKey = host?.jwksUrl
    ? createRemoteJWKSet(new URL(host.jwksUrl))
    : host?.secret
      ? new TextEncoder().encode(host.secret)
      : undefined;

  async function issue(userId: string, role: string, sessionId: string): Promise<string> {
    return new SignJWT({ role, sid: sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${options.ttlSeconds}s`)
      .sign(key);
  }

  // Verifying a JWT costs ~0.2 ms of CPU, the largest share of a cached status read. A token
  // never changes, so a successful verification is remembered (by the exact token string)
  // until the token's own expiry; anything not in the cache is verified in full.
  // Whether the session still stands is not cached here: the session service checks it each time.
  const verified = new LRUCache<
    string,
    { userId: string; sessionId: string | undefined; expiresAtMs: number }
  >({ max: 20_000 });

  async function verify(token: string): Promise<TokenIdentity> {
    const known = verified.get(token);
    if (known && known.expiresAtMs > Date.now())
      return { source: 'insignia', userId: known.userId, sessionId: known.sessionId };
    try {
      const { payload } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: ['HS256'] });
      if (payload.sub) {
        const sessionId = typeof payload.sid === 'string' ? payload.sid : undefined;
        if (payload.exp)
          verified.set(token, { userId: payload.sub, sessionId, expiresAtMs: payload.exp * 1000 });
        return { source: 'insignia', userId: payload.sub, sessionId };
      }
    } catch {
      // Not ours (or invalid): the host platform's key gets a chance below.
    }
    if (hostKey) return verifyHostIdentity(token);
    throw new AppError('AUTH__TOKEN_INVALID');
  }

  /** Only the host platform's token (for linking); Insignia's own tokens are not accepted here. */
  async function verifyHostIdentity(token: string): Promise<TokenIdentity & { source: 'host' }> {
    const payload = hostKey ? await verifyHost(token).catch(() => undefined) : undefined;
    // users.external_id holds 128 characters; a longer id is no one we could store.
    if (!payload?.sub || payload.sub.length > 128) throw new AppError('AUTH__TOKEN_INVALID');
    const email = typeof payload.email === 'string' ? payload.email : undefined;
    return { source: 'host', externalId: payload.sub, email };
  }

  async function verifyHost(token: string): Promise<JWTPayload> {
    // Issuer and audience are pinned (the config refuses to start without them), and a token
    // must say who it is for, when it was made and when it ends: no forever-tokens.
    if (!hostKey || !host?.issuer || !host.audience) throw new AppError('AUTH__TOKEN_INVALID');
    const verifyOptions = {
      issuer: host.issuer,
      audience: host.audience,
      algorithms: host.jwksUrl ? ['RS256', 'ES256', 'EdDSA'] : ['HS256'],
      requiredClaims: ['sub', 'exp', 'iat'],
      maxTokenAge: host.maxAgeSeconds ?? 3_600,
      clockTolerance: 30,
    };
    const { payload } =
      hostKey instanceof Uint8Array
        ? await jwtVerify(token, hostKey, verifyOptions)
        : await jwtVerify(token, hostKey, verifyOptions);
    return payload;
  }

  return { issue, verify, verifyHostIdentity };
}

export type TokenService = ReturnType<typeof createTokenService>;
