import { callApi } from './call-api.ts';

/** A 1×1 PNG, the smallest image a badge can carry. */
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** The admin console's calls, over HTTP to a running server. */
export function adminConsole(url: () => string, token: string) {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await callApi(url(), method, path, { token, ...(body === undefined ? {} : { body }) });
    if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
    return res.body;
  };
  return {
    call,
    /** A blockchain badge: its Token-2022 mint is created before this returns. */
    async createChainBadge(name: string): Promise<{ id: string; mintAddress: string }> {
      return call('POST', '/api/admin/badges', {
        name,
        description: 'Crash matrix',
        type: 'blockchain',
        image: { contentType: 'image/png', data: PNG_BASE64 },
      });
    },
    async issue(badgeId: string, userIds: string[]): Promise<string> {
      const created = await call('POST', '/api/admin/issuances', {
        badgeIds: [badgeId],
        recipients: { userIds },
      });
      return created.batch.id as string;
    },
    async batch(batchId: string) {
      return (await call('GET', `/api/admin/issuances/${batchId}?limit=200`)).batch as {
        status: string;
        counts: Record<string, number>;
      };
    },
    async approveClaim(claimId: string) {
      return call('POST', `/api/admin/claims/${claimId}/approve`, { signingMode: 'server' });
    },
    async claim(claimId: string): Promise<{ status: string }> {
      return call('GET', `/api/admin/claims/${claimId}`);
    },
    async authorityAddress(): Promise<string> {
      return (await call('GET', '/api/admin/dashboard')).authority.address as string;
    },
  };
}

export type AdminConsole = ReturnType<typeof adminConsole>;

/** Polls until `check` holds (network errors count as "not yet"). */
export async function waitUntil(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`timed out waiting for ${what}`);
}
