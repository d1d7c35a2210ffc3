import type { Logger } from 'pino';
import type { BadgeMintCreator } from './badge-mint-creator.ts';
import type { IssuanceMinter } from './issuance-minter.ts';
import type { IssuanceUploader } from './issuance-uploader.ts';
import type { IssuanceWalletSigning } from './issuance-wallet-signing.ts';
import { newLeaseOwner } from '../jobs/lease-owner.ts';

/**
 * The badge worker: creates pending badge mints, uploads issuance payloads, mints uploaded
 * issuances of server-signed batches, follows transactions nobody is following any more, and
 * settles unsigned admin-wallet transactions past their blockhash. Each step leases its rows
 * (SKIP LOCKED), so any number of instances can run it; a crash anywhere resumes from the rows.
 */
export function createIssuanceWorker(deps: {
  mintCreator: BadgeMintCreator;
  uploader: IssuanceUploader;
  minter: IssuanceMinter;
  walletSigning: IssuanceWalletSigning;
  logger: Logger;
}) {
  const owner = newLeaseOwner('worker');
  const step = async (name: string, run: () => Promise<number>) => {
    try {
      return await run();
    } catch (err) {
      deps.logger.error({ err, step: name }, 'badge worker step failed; will retry');
      return 0;
    }
  };
  return {
    /** One pass over every step; returns how many rows it worked on (0: nothing was due). */
    async processDue(): Promise<number> {
      const worked = await step('mints', () => deps.mintCreator.processDue(owner));
      // Uploading the next payloads while the chain confirms the last mints: they lease
      // different rows (pending vs uploaded), so running them side by side is safe.
      const counts = await Promise.all([
        step('upload', () => deps.uploader.uploadDue(owner)),
        step('mint', () => deps.minter.mintDue(owner)),
        step('recover', () => deps.minter.recoverDue(owner)),
        step('unsigned', () => deps.walletSigning.settleExpiredUnsigned()),
      ]);
      return counts.reduce((a, b) => a + b, worked);
    },
  };
}
