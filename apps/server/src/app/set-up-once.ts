import { checkChainIdentity } from '../chain/check-chain-identity.ts';
import { releaseEmbeddedLeases } from '../jobs/release-embedded-leases.ts';
import { createLevelArtworkStore } from '../nft/level-artwork/level-artwork.ts';
import type { Instance } from './open-instance.ts';

/**
 * The start-up steps that run once per start, in one process, before any process serves:
 * migrations, the chain identity check, and the first admin account. Resolves with the admin
 * account for the banner.
 */
export async function setUpOnce({ ctx, config, logger }: Instance) {
  await ctx.database.migrate();
  // A lost key file or a lost (or different) chain stops here, saying what to restore.
  await checkChainIdentity({ db: ctx.database.db, chain: ctx.chain, dataDir: config.dataDir, logger }).catch(
    async (e: unknown) => {
      await ctx.close();
      throw e;
    },
  );
  // Embedded PGlite has one process: leases left in it belong to a previous run that died.
  if (ctx.database.kind === 'pglite') await releaseEmbeddedLeases(ctx.database.db);
  // The levels' default artwork, so the gateway serves every image the app names from the start.
  await createLevelArtworkStore(ctx.ipfs).storeAll(await ctx.levels.list());
  return ctx.auth.ensureAdmin({ email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD });
}
