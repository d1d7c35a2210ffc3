import { setTimeout as sleep } from 'node:timers/promises';
import type { CID } from 'multiformats/cid';
import { backoffDelayMs, type BackoffPolicy } from '../jobs/backoff.ts';
import { AppError, isRetryableError } from '../errors/app-error.ts';
import { KUBO_CHUNK_SIZE } from './import-unixfs.ts';
import { verifyBlock } from './verify-block.ts';

/** A remote IPFS node that can pin our payloads and hand their blocks back. */
export interface KuboProvider {
  /** Safe to log and to store: the API host, never its credentials. */
  readonly name: string;
  /** Adds and pins `bytes`; resolves to the CID the node computed. Retries transient failures. */
  add(bytes: Uint8Array, options?: { fileName?: string; signal?: AbortSignal }): Promise<string>;
  /** One block the node holds, checked against its CID; undefined when it cannot give it. */
  getBlock(cid: CID, options?: { signal?: AbortSignal }): Promise<Uint8Array | undefined>;
}

export interface KuboProviderOptions {
  /** Kubo RPC base URL, e.g. `http://127.0.0.1:5001`; credentials in it become Basic auth. */
  apiUrl: string;
  name?: string;
  timeoutMs?: number;
  retry?: BackoffPolicy;
  fetch?: typeof fetch;
}

/** Short: a provider that is down should hand over to the next one quickly. */
const defaultRetry: BackoffPolicy = { baseMs: 250, maxMs: 2_000, maxAttempts: 3 };
/** Kubo's own limit on a block is 2 MiB (bitswap); anything bigger is not a block. */
const MAX_BLOCK_BYTES = 2 * 1024 * 1024;

/** A client for the Kubo RPC API (`/api/v0/add`, `/api/v0/block/get`). */
export function createKuboProvider(options: KuboProviderOptions): KuboProvider {
  const url = new URL(options.apiUrl);
  const headers: Record<string, string> = {};
  if (url.username || url.password) {
    const user = decodeURIComponent(url.username);
    const pass = decodeURIComponent(url.password);
    headers.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    url.username = '';
    url.password = '';
  }
  const base = url.toString().replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retry = options.retry ?? defaultRetry;

  const call = async (path: string, init: RequestInit, signal?: AbortSignal) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
      return await doFetch(`${base}${path}`, {
        ...init,
        method: 'POST',
        headers,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (e) {
      if (signal?.aborted) throw e;
      throw kuboFailed(`request failed: ${(e as Error).message}`, true);
    }
  };

  return {
    name: options.name ?? url.host,

    async add(bytes, { fileName = 'payload', signal } = {}) {
      const query = new URLSearchParams({
        'cid-version': '1',
        'raw-leaves': 'true',
        chunker: `size-${KUBO_CHUNK_SIZE}`,
        hash: 'sha2-256',
        pin: 'true',
      });
      for (let attempt = 0; ; attempt++) {
        try {
          const form = new FormData();
          form.append('file', new Blob([bytes]), fileName);
          const res = await call(`/api/v0/add?${query.toString()}`, { body: form }, signal);
          const text = await res.text();
          if (!res.ok) {
            throw kuboFailed(`add answered ${res.status}: ${text.slice(0, 200)}`, isRetryable(res.status));
          }
          return parseAddResponse(text);
        } catch (e) {
          const retryable = isRetryableError(e);
          if (!retryable || attempt + 1 >= retry.maxAttempts || signal?.aborted) throw e;
          await sleep(backoffDelayMs(attempt, retry), undefined, { signal });
        }
      }
    },

    async getBlock(cid, { signal } = {}) {
      // offline: only what this node holds; never a DHT search that stalls a gateway request.
      const query = new URLSearchParams({ arg: cid.toString(), offline: 'true' });
      try {
        const res = await call(`/api/v0/block/get?${query.toString()}`, {}, signal);
        if (!res.ok) return undefined;
        const length = Number(res.headers.get('content-length') ?? 0);
        if (length > MAX_BLOCK_BYTES) return undefined;
        const bytes = new Uint8Array(await res.arrayBuffer());
        return bytes.length <= MAX_BLOCK_BYTES && verifyBlock(cid, bytes) ? bytes : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

function isRetryable(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

/** Kubo answers NDJSON, one object per added entry; a single file gives one `{ Hash }` line. */
function parseAddResponse(text: string): string {
  let hash: string | undefined;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const parsed = JSON.parse(line) as { Hash?: unknown };
    if (typeof parsed.Hash === 'string') hash = parsed.Hash;
  }
  if (!hash) throw kuboFailed('add answered without a CID', false);
  return hash;
}

/** A Kubo call that failed; `retryable` when the same call may succeed shortly. */
function kuboFailed(reason: string, retryable: boolean): AppError<'IPFS__PROVIDER_FAILED'> {
  return new AppError('IPFS__PROVIDER_FAILED', { retryable, reason }, { message: `Kubo ${reason}` });
}
