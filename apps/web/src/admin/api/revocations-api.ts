import {
  revocationPreviewSchema,
  revocationSchema,
  revocationsSchema,
  type RevocationsQuery,
} from '@insignia/contract';
import type { ApiClient } from '../../api/client.ts';
import { query } from './query.ts';

/** Badge revocation: revoke with a reason, what revoking would do, and the list. */
export function createRevocationsApi({ send }: ApiClient) {
  return {
    revoke: (issuanceId: string, reason: string) =>
      send('POST', '/api/admin/revocations', revocationSchema, { body: { issuanceId, reason } }),
    preview: (issuanceId: string, signal?: AbortSignal) =>
      send('GET', `/api/admin/revocations/${encodeURIComponent(issuanceId)}`, revocationPreviewSchema, {
        signal,
      }),
    list: (params: Partial<RevocationsQuery>, signal?: AbortSignal) =>
      send('GET', `/api/admin/revocations${query({ ...params })}`, revocationsSchema, { signal }),
  };
}
