import { eq } from 'drizzle-orm';
import { nftRequests } from '../../apps/server/src/nft/nft-schema.ts';
import type { TestApp } from '../../apps/server/src/test-support/test-app.ts';

/**
 * Runs the NFT worker, as the worker role does every two seconds, until the request leaves the
 * worker's statuses. Retry back-off and stale leases are skipped, as time passing would.
 */
export async function driveNftWorker(t: TestApp, requestId: string, maxPasses = 30): Promise<string> {
  const db = t.ctx.database.db;
  for (let pass = 0; pass < maxPasses; pass++) {
    await db
      .update(nftRequests)
      .set({ nextAttemptAt: null, leaseOwner: null, leaseExpiresAt: null })
      .where(eq(nftRequests.id, requestId));
    await t.ctx.nftWorker.processDue();
    const [row] = await db.select().from(nftRequests).where(eq(nftRequests.id, requestId));
    if (!['submitted', 'burn_submitted', 'burn_confirmed', 'mint_submitted'].includes(row!.status)) {
      return row!.status;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`request ${requestId} did not settle`);
}
