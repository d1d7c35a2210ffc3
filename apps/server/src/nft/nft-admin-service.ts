import type { Db } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import type { NftRequestAdvancer } from './nft-request-advancer.ts';
import { findRequest, listRequestEvents, listRequestsWithOwner } from './nft-request-store.ts';
import { toNftRequestView } from './nft-request-view.ts';
import type { NftRequestStatus } from './nft-request-machine.ts';

/** The compensation queue: upgrades whose new NFT could not be minted after the burn. */
export function createNftAdminService(deps: {
  db: Db;
  advancer: NftRequestAdvancer;
  wakeWorker: () => void;
}) {
  const { db } = deps;

  async function compensable(id: string) {
    const row = await findRequest(db, id);
    if (!row) throw new AppError('NFT__REQUEST_NOT_FOUND');
    if (row.status !== 'needs_compensation')
      throw new AppError('NFT__REQUEST_NOT_COMPENSABLE', { status: row.status });
    return row;
  }

  return {
    /** Requests with their owner, so the console can say whose upgrade is stuck. */
    async list(statuses: readonly NftRequestStatus[], limit: number) {
      const rows = await listRequestsWithOwner(db, statuses, limit);
      return rows.map(({ request, email }) => ({
        ...toNftRequestView(request),
        user: { id: request.userId, email },
        compensationNote: request.compensationNote,
      }));
    },
    async history(id: string) {
      if (!(await findRequest(db, id))) throw new AppError('NFT__REQUEST_NOT_FOUND');
      return listRequestEvents(db, id);
    },
    /** Puts the request back to "burned, mint pending" with a fresh retry budget. */
    async retry(id: string, adminId: string) {
      const row = await deps.advancer.apply(
        await compensable(id),
        { type: 'admin_retry' },
        { actorId: adminId, patch: { nextAttemptAt: null } },
      );
      deps.wakeWorker();
      return toNftRequestView(row);
    },
    /** Records that the user was made whole by hand (e.g. an NFT minted manually); final. */
    async compensate(id: string, adminId: string, note: string) {
      const row = await deps.advancer.apply(
        await compensable(id),
        { type: 'admin_compensated' },
        {
          actorId: adminId,
          patch: { compensationNote: note, compensatedBy: adminId },
          detail: { note },
        },
      );
      return toNftRequestView(row);
    },
  };
}

export type NftAdminService = ReturnType<typeof createNftAdminService>;
