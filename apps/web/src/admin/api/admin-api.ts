import {
  adminDashboardSchema,
  adminUserDetailSchema,
  belowLevelListSchema,
  endSessionsResponseSchema,
  levelSchema,
  nftRequestSchema,
  publicUserSchema,
  type LevelInput,
} from '@insignia/contract';
import { z } from 'zod';
import type { ApiClient } from '../../api/client.ts';
import { createBadgesApi } from './badges-api.ts';
import { createClaimsApi } from './claims-api.ts';
import { createRevocationsApi } from './revocations-api.ts';
import { createLogsApi } from './logs-api.ts';
import { query } from './query.ts';

export const usersPageSchema = z.object({ items: z.array(publicUserSchema), total: z.number() });

export const nftRequestEventSchema = z.object({
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  signature: z.string().nullable(),
  detail: z.unknown(),
  actorId: z.string().nullable(),
  createdAt: z.string(),
});

/** A request in the compensation queue, with whose it is. */
export const adminNftRequestSchema = nftRequestSchema.extend({
  user: z.object({ id: z.string(), email: z.string() }),
  compensationNote: z.string().nullable(),
});
export type AdminNftRequest = z.infer<typeof adminNftRequestSchema>;

const anything = z.unknown();

/** Every admin call: dashboard, users, levels, the compensation queue, and per-area groups. */
export function createAdminApi(api: ApiClient) {
  const { send } = api;
  return {
    badges: createBadgesApi(api),
    claims: createClaimsApi(api),
    logs: createLogsApi(api),
    revocations: createRevocationsApi(api),
    dashboard: (signal?: AbortSignal) =>
      send('GET', '/api/admin/dashboard', adminDashboardSchema, { signal }),
    users: (params: { q?: string; limit: number; offset: number }, signal?: AbortSignal) =>
      send('GET', `/api/admin/users${query(params)}`, usersPageSchema, { signal }),

    usersBelowLevel: (params: { limit: number; offset: number }, signal?: AbortSignal) =>
      send('GET', `/api/admin/users/below-level${query(params)}`, belowLevelListSchema, { signal }),
    userDetail: (id: string, signal?: AbortSignal) =>
      send('GET', `/api/admin/users/${id}`, adminUserDetailSchema, { signal }),
    /** Ends every session of the user: their tokens stop working and live sockets close. */
    endSessions: (id: string) =>
      send('POST', `/api/admin/users/${encodeURIComponent(id)}/sessions/end`, endSessionsResponseSchema),

    levels: (signal?: AbortSignal) =>
      send('GET', '/api/nft/levels', z.object({ levels: z.array(levelSchema) }), { signal }),
    createLevel: (body: LevelInput) => send('POST', '/api/admin/levels', levelSchema, { body }),
    updateLevel: (level: number, body: LevelInput) =>
      send('PUT', `/api/admin/levels/${level}`, levelSchema, { body }),
    deleteLevel: (level: number) => send('DELETE', `/api/admin/levels/${level}`, anything),

    nftRequests: (status: string, signal?: AbortSignal) =>
      send(
        'GET',
        `/api/admin/nft/requests${query({ status, limit: 200 })}`,
        z.object({ items: z.array(adminNftRequestSchema) }),
        { signal },
      ),
    nftRequestHistory: (id: string, signal?: AbortSignal) =>
      send(
        'GET',
        `/api/admin/nft/requests/${id}/history`,
        z.object({ items: z.array(nftRequestEventSchema) }),
        { signal },
      ),
    retryNftRequest: (id: string) => send('POST', `/api/admin/nft/requests/${id}/retry`, nftRequestSchema),
    compensateNftRequest: (id: string, note: string) =>
      send('POST', `/api/admin/nft/requests/${id}/compensate`, nftRequestSchema, { body: { note } }),
  };
}

export type AdminApi = ReturnType<typeof createAdminApi>;
