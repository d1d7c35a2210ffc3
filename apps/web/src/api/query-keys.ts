/**
 * Every TanStack Query key of the web app, in one place: live events and mutations invalidate
 * by these, so a page and whatever refreshes it cannot drift apart. Keys are prefixes of each
 * other on purpose: invalidating `admin.badges.all` refreshes every page of the badge list.
 */

/** Filters and paging of a list, as part of its key (objects compare by value). */
type Params = Readonly<Record<string, string | number | boolean | undefined>>;

export const queryKeys = {
  publicConfig: ['public-config'],
  /** The signed-in person's level NFT and progress. */
  nftStatus: ['nft', 'status'],
  /** The signed-in person's badges, vault badges and notifications, loaded together. */
  myBadges: ['badges', 'mine'],
  admin: {
    all: ['admin'],
    dashboard: ['admin', 'dashboard'],
    users: {
      all: ['admin', 'users'],
      list: (params: Params) => ['admin', 'users', 'list', params],
      detail: (id: string) => ['admin', 'users', 'detail', id],
      awaitingVerification: ['admin', 'users', 'awaiting-verification'],
      belowLevel: (params: Params) => ['admin', 'users', 'below-level', params],
    },
    levels: ['admin', 'levels'],
    badges: {
      all: ['admin', 'badges'],
      list: (params: Params) => ['admin', 'badges', 'list', params],
      categories: ['admin', 'badges', 'categories'],
    },
    issuance: {
      allBatchLists: ['admin', 'issuance', 'batches'],
      batches: (params: Params) => ['admin', 'issuance', 'batches', params],
      allBatches: ['admin', 'issuance', 'batch'],
      /** One batch; without `params`, every page of its results. */
      batch: (id: string, params?: Params) =>
        params ? ['admin', 'issuance', 'batch', id, params] : ['admin', 'issuance', 'batch', id],
      preview: (input: Params) => ['admin', 'issuance', 'preview', input],
    },
    claims: {
      all: ['admin', 'claims'],
      list: (params: Params) => ['admin', 'claims', 'list', params],
    },
    nftRequests: {
      all: ['admin', 'nft-requests'],
      list: (statuses: string) => ['admin', 'nft-requests', 'list', statuses],
      history: (id: string) => ['admin', 'nft-requests', 'history', id],
    },
    reconciliation: {
      runs: ['admin', 'reconciliation', 'runs'],
      flags: (params: Params) => ['admin', 'reconciliation', 'flags', params],
    },
    logs: {
      audit: (params: Params) => ['admin', 'logs', 'audit', params],
      emails: (params: Params) => ['admin', 'logs', 'emails', params],
      webhooks: (params: Params) => ['admin', 'logs', 'webhooks', params],
      webhookDestinations: ['admin', 'logs', 'webhook-destinations'],
      outbox: ['admin', 'logs', 'outbox'],
    },
  },
} as const;
