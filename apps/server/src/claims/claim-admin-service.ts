import { isAddress } from '@solana/kit';
import type { AdminClaimView, ApproveClaim } from '@insignia/contract';
import type { Chain } from '../app/create-chain.ts';
import type { UserRow } from '../auth/user-queries.ts';
import type { Db } from '../db/database.ts';
import { AppError, isAppError } from '../errors/app-error.ts';
import type { ClaimStatus } from './claim-machine.ts';
import { getAdminClaimView, listClaimsPage, toAdminClaimView } from './claim-queries.ts';
import { getClaim, releaseClaimLease, tryLeaseClaim, type ClaimRow } from './claim-store.ts';
import type { ClaimTransferAdvancer } from './claim-transfer-advancer.ts';
import { CLAIM_API_LEASE_MS, driveClaimNow } from './drive-claim-now.ts';
import { dbNowPlus } from '../db/database-clock.ts';
import { newLeaseOwner } from '../jobs/lease-owner.ts';

/**
 * The admin claim queue: list, approve (server key or the admin's wallet), reject. Approving in
 * server mode sends the transfer at once and waits a while for it; whatever is still in flight
 * afterwards is the worker's. The admin wallet's signing is in claim-admin-wallet-service.ts.
 */
export function createClaimAdminService(deps: {
  db: Db;
  chain: Chain;
  advancer: ClaimTransferAdvancer;
  wakeWorker: () => void;
}) {
  const { db, advancer } = deps;

  const view = (id: string) => getAdminClaimView(db, id);
  const existing = (id: string) => getClaim(db, id);

  const notPending = (status: ClaimStatus) => new AppError('CLAIM__NOT_PENDING', { status });

  async function approve(id: string, admin: UserRow, body: ApproveClaim): Promise<AdminClaimView> {
    const row = await existing(id);
    if (row.status !== 'pending') throw notPending(row.status);
    let adminWallet: string | null = null;
    if (body.signingMode === 'admin_wallet') {
      adminWallet = body.adminWallet ?? admin.walletAddress;
      if (!adminWallet) throw new AppError('CLAIM__ADMIN_WALLET_REQUIRED');
      if (!isAddress(adminWallet)) throw new AppError('VALIDATION__INVALID_ADDRESS');
      // The platform's own keys would make this a server-signed transfer under another name.
      if (adminWallet === deps.chain.vault.address || adminWallet === deps.chain.authority.address)
        throw new AppError('VALIDATION__INVALID_ADDRESS', undefined, {
          message: 'The approving wallet must be the admin’s own wallet, not a platform key.',
        });
    }
    const [recipientBefore, inVault] = await Promise.all([
      advancer.recipientBalance(row),
      advancer.vaultBalance(row),
    ]);
    if (inVault < 1n) throw new AppError('CLAIM__VAULT_EMPTY', { tokenId: row.tokenId });
    const owner = newLeaseOwner('api');
    let approved: ClaimRow;
    try {
      approved = await advancer.apply(
        row,
        { type: 'approved', signingMode: body.signingMode },
        {
          actorId: admin.id,
          patch: {
            respondedBy: admin.id,
            adminResponseAt: new Date(),
            adminWallet,
            recipientBalanceBefore: recipientBefore,
            ...(body.signingMode === 'server'
              ? { leaseOwner: owner, leaseExpiresAt: dbNowPlus(CLAIM_API_LEASE_MS) }
              : {}),
          },
        },
      );
    } catch (e) {
      if (isAppError(e, 'STATE__STALE')) throw notPending((await existing(id)).status);
      throw e;
    }
    if (body.signingMode === 'server')
      await driveClaimNow(deps, approved, owner, (signal) => advancer.advance(approved, signal));
    return view(id);
  }

  async function reject(id: string, adminId: string, reason: string): Promise<AdminClaimView> {
    const row = await existing(id);
    if (row.status !== 'pending' && row.status !== 'approved') throw notPending(row.status);
    const owner = newLeaseOwner('api');
    const leased = await tryLeaseClaim(db, id, owner, CLAIM_API_LEASE_MS);
    if (!leased) throw new AppError('CLAIM__TRANSFER_IN_PROGRESS');
    try {
      if (leased.status !== row.status) throw notPending(leased.status);
      // An approved claim may have a transfer out there: only once it cannot land is "no" safe.
      const previous = await advancer.settlePrevious(leased, { wait: false });
      if (previous === 'pending') throw new AppError('CLAIM__TRANSFER_IN_PROGRESS');
      if (previous === 'arrived') {
        await advancer.apply(leased, { type: 'confirmed' });
        throw notPending('completed');
      }
      await advancer.apply(
        leased,
        { type: 'rejected', reason },
        { actorId: adminId, patch: { respondedBy: adminId, adminResponseAt: new Date() } },
      );
    } catch (e) {
      if (isAppError(e, 'STATE__STALE')) throw notPending((await existing(id)).status);
      throw e;
    } finally {
      await releaseClaimLease(db, id, owner);
    }
    return view(id);
  }

  return {
    list: async (filter: Parameters<typeof listClaimsPage>[1]) => {
      const page = await listClaimsPage(db, filter);
      return { items: page.items.map(toAdminClaimView), total: page.total };
    },
    get: view,
    approve,
    reject,
  };
}

export type ClaimAdminService = ReturnType<typeof createClaimAdminService>;
