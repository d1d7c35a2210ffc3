import {
  authResponseSchema,
  faucetResponseSchema,
  meResponseSchema,
  nftRequestSchema,
  nftStatusSchema,
  preparedNftTransactionSchema,
  siwsChallengeSchema,
  type Credentials,
  type LinkWallet,
  type SubmitNftRequest,
} from '@insignia/contract';
import { z } from 'zod';
import { networkError, toApiError, unexpectedResponseError } from './api-error.ts';
import { adminOverviewSchema, publicConfigSchema } from './schemas.ts';

export interface ApiClientDeps {
  /** Current session token, or null when logged out. */
  getToken: () => string | null;
  /** Called when the server rejects the session token (HTTP 401 on an authenticated call). */
  onUnauthorized: () => void;
  /** Prefix for every path; empty when the app is served by the API server itself. */
  baseUrl?: string;
  fetch?: typeof fetch;
}

export interface RequestOptions {
  body?: unknown;
  /** Send the bearer token (default true). */
  auth?: boolean;
  /** Send this token instead, and never treat its 401 as the session ending (logout). */
  bearer?: string;
  signal?: AbortSignal;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Typed client for the Insignia API. Every call resolves to data checked against its schema or
 * rejects with an {@link ApiError} whose message can be shown to the person as is.
 */
export function createApiClient(deps: ApiClientDeps) {
  const baseUrl = deps.baseUrl ?? '';
  const doFetch = deps.fetch ?? globalThis.fetch.bind(globalThis);

  async function request<S extends z.ZodType>(
    method: Method,
    path: string,
    schema: S,
    options: RequestOptions = {},
  ): Promise<z.infer<S>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = options.auth === false || options.bearer ? null : deps.getToken();
    if (token) headers.authorization = `Bearer ${token}`;
    if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';

    let response: Response;
    try {
      response = await doFetch(baseUrl + path, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw networkError();
    }

    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      if (response.status === 401 && token) deps.onUnauthorized();
      throw toApiError(response.status, body);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw unexpectedResponseError(response.status);
    return parsed.data;
  }

  return {
    register: (credentials: Credentials) =>
      request('POST', '/api/auth/register', authResponseSchema, { body: credentials, auth: false }),
    login: (credentials: Credentials) =>
      request('POST', '/api/auth/login', authResponseSchema, { body: credentials, auth: false }),
    getMe: (signal?: AbortSignal) => request('GET', '/api/me', meResponseSchema, { signal }),
    /** Ends the session of `token` on the server, so the token is refused from now on. */
    logout: (token: string) => request('POST', '/api/auth/logout', z.unknown(), { bearer: token }),
    getPublicConfig: (signal?: AbortSignal) =>
      request('GET', '/api/config/public', publicConfigSchema, { auth: false, signal }),
    getSiwsChallenge: (address: string) =>
      request('GET', `/api/auth/siws/challenge?address=${encodeURIComponent(address)}`, siwsChallengeSchema),
    linkWallet: (body: LinkWallet) => request('PUT', '/api/me/wallet', meResponseSchema, { body }),
    // Personal Center: level NFT
    getNftStatus: (signal?: AbortSignal) => request('GET', '/api/nft/status', nftStatusSchema, { signal }),
    unlockNft: () => request('POST', '/api/nft/unlock', preparedNftTransactionSchema),
    upgradeNft: () => request('POST', '/api/nft/upgrade', preparedNftTransactionSchema),
    submitNftRequest: (id: string, body: SubmitNftRequest) =>
      request('POST', `/api/nft/requests/${encodeURIComponent(id)}/submit`, nftRequestSchema, { body }),
    getNftRequest: (id: string, signal?: AbortSignal) =>
      request('GET', `/api/nft/requests/${encodeURIComponent(id)}`, nftRequestSchema, { signal }),
    /** Embedded mode only: test SOL for the linked wallet. */
    requestFaucet: () => request('POST', '/api/dev/faucet', faucetResponseSchema),
    getAdminOverview: (signal?: AbortSignal) =>
      request('GET', '/api/admin/overview', adminOverviewSchema, { signal }),
    /** Any other call, checked against `schema`: feature modules build their typed calls on it. */
    send: request,
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
