import {
  badgeCategoriesSchema,
  badgeCategorySchema,
  badgeListSchema,
  badgeSchema,
  createIssuanceResultSchema,
  deleteBadgeResultSchema,
  issuanceBatchDetailSchema,
  issuanceBatchesSchema,
  issuancePreviewSchema,
  issuanceSchema,
  issuanceTransactionsSchema,
  submitSignedIssuancesResultSchema,
  type CreateBadge,
  type CreateBadgeCategory,
  type CreateIssuance,
  type IssuancePreviewRequest,
  type UpdateBadge,
  type UpdateBadgeCategory,
} from '@insignia/contract';
import { z } from 'zod';
import type { ApiClient } from '../../api/client.ts';
import { query } from './query.ts';

export interface BadgeListParams {
  q?: string;
  categoryId?: string;
  type?: 'database' | 'blockchain';
  status?: string;
  limit: number;
  offset: number;
}

/** Badge catalogue and issuance (the badge engineers' `/api/admin/...` routes). */
export function createBadgesApi({ send }: ApiClient) {
  return {
    categories: (signal?: AbortSignal) =>
      send('GET', '/api/admin/badge-categories', badgeCategoriesSchema, { signal }),
    createCategory: (body: CreateBadgeCategory) =>
      send('POST', '/api/admin/badge-categories', badgeCategorySchema, { body }),
    updateCategory: (id: string, body: UpdateBadgeCategory) =>
      send('PATCH', `/api/admin/badge-categories/${id}`, badgeCategorySchema, { body }),
    deleteCategory: (id: string) => send('DELETE', `/api/admin/badge-categories/${id}`, z.unknown()),

    badges: (params: BadgeListParams, signal?: AbortSignal) =>
      send('GET', `/api/admin/badges${query({ ...params })}`, badgeListSchema, { signal }),
    badge: (id: string, signal?: AbortSignal) =>
      send('GET', `/api/admin/badges/${id}`, badgeSchema, { signal }),
    createBadge: (body: CreateBadge) => send('POST', '/api/admin/badges', badgeSchema, { body }),
    updateBadge: (id: string, body: UpdateBadge) =>
      send('PATCH', `/api/admin/badges/${id}`, badgeSchema, { body }),
    deleteBadge: (id: string) => send('DELETE', `/api/admin/badges/${id}`, deleteBadgeResultSchema),
    retryMint: (id: string) => send('POST', `/api/admin/badges/${id}/retry-mint`, badgeSchema),

    previewIssuance: (body: IssuancePreviewRequest) =>
      send('POST', '/api/admin/issuances/preview', issuancePreviewSchema, { body }),
    createIssuance: (body: CreateIssuance) =>
      send('POST', '/api/admin/issuances', createIssuanceResultSchema, { body }),
    batches: (params: { status?: string; limit: number; offset: number }, signal?: AbortSignal) =>
      send('GET', `/api/admin/issuances${query({ ...params })}`, issuanceBatchesSchema, { signal }),
    batch: (id: string, params: { status?: string; limit: number; offset: number }, signal?: AbortSignal) =>
      send('GET', `/api/admin/issuances/${id}${query({ ...params })}`, issuanceBatchDetailSchema, {
        signal,
      }),
    batchTransactions: (id: string) =>
      send('GET', `/api/admin/issuances/${id}/transactions`, issuanceTransactionsSchema),
    submitSignedBatch: (id: string, transactions: string[]) =>
      send('POST', `/api/admin/issuances/${id}/signed`, submitSignedIssuancesResultSchema, {
        body: { transactions },
      }),
    retryIssuance: (id: string) => send('POST', `/api/admin/issuances/${id}/retry`, issuanceSchema),
  };
}
