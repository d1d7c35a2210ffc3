import type { AppContext } from '../app/app-context.ts';
import { newLeaseOwner } from '../jobs/lease-owner.ts';
import { createRevocationBurner } from './revocation-burner.ts';
import { createRevocationService } from './revocation-service.ts';

/** How long a revoke request waits for its burn before answering with it still in flight. */
const BURN_WAIT_MS = 30_000;

/**
 * Revocation built from the app context: the service behind the admin routes and the burner
 * the worker drives. Built where it is used (routes, worker); it holds no state of its own.
 */
export function createRevocationFeature(
  ctx: Pick<AppContext, 'database' | 'chain' | 'logger' | 'mailer' | 'badges' | 'nftStatus' | 'signals'>,
) {
  const db = ctx.database.db;
  const burner = createRevocationBurner({ db, chain: ctx.chain, logger: ctx.logger });
  const service = createRevocationService({
    db,
    keys: { authority: ctx.chain.authority.address, vault: ctx.chain.vault.address },
    mailer: ctx.mailer,
    async onRevoked(userId) {
      await Promise.all([ctx.badges.userBadges.invalidate([userId]), ctx.nftStatus.invalidate([userId])]);
      ctx.signals.mail.wake();
    },
  });

  /**
   * Revokes, then burns at once in this request while it holds the lease (bounded); what is
   * not finished by then the worker carries on from the stored row.
   */
  async function revoke(...args: Parameters<typeof service.revoke>) {
    const first = await service.revoke(...args);
    if (!first.created || first.revocation.status === 'done') return first;
    const burning = burner
      .driveNow(first.revocation.issuanceId, newLeaseOwner('api'))
      .catch((err: unknown) => {
        ctx.logger.error(
          { err, issuanceId: first.revocation.issuanceId },
          'revocation burn failed; the worker retries',
        );
      });
    await Promise.race([burning, new Promise((resolve) => setTimeout(resolve, BURN_WAIT_MS).unref())]);
    return {
      created: true,
      revocation: (await service.get(first.revocation.issuanceId)) ?? first.revocation,
    };
  }

  return { ...service, revoke, burner };
}

export type RevocationFeature = ReturnType<typeof createRevocationFeature>;
