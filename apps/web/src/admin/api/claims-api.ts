import {
  adminClaimSchema,
  adminClaimsSchema,
  preparedClaimTransactionSchema,
  type ApproveClaim,
} from '@insignia/contract';
import type { ApiClient } from '../../api/client.ts';
import { query } from './query.ts';

/** The claim queue: vault → profile wallet transfers waiting for an admin. */
export function createClaimsApi({ send }: ApiClient) {
  return {
    claims: (params: { status?: string; limit: number; offset: number }, signal?: AbortSignal) =>
      send('GET', `/api/admin/claims${query({ ...params })}`, adminClaimsSchema, { signal }),
    approve: (id: string, body: ApproveClaim) =>
      send('POST', `/api/admin/claims/${id}/approve`, adminClaimSchema, { body }),
    reject: (id: string, reason: string) =>
      send('POST', `/api/admin/claims/${id}/reject`, adminClaimSchema, { body: { reason } }),
    transaction: (id: string) =>
      send('GET', `/api/admin/claims/${id}/transaction`, preparedClaimTransactionSchema),
    submitSigned: (id: string, signedTransaction: string) =>
      send('POST', `/api/admin/claims/${id}/signed`, adminClaimSchema, { body: { signedTransaction } }),
  };
}
