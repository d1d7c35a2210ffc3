import type { AppContext } from '../app/app-context.ts';
import { createNetworkDetector } from './detect-network.ts';
import { createVerificationService } from './verification-service.ts';

/** The public verification pages' service, built from the app context (no state of its own). */
export function createVerificationFeature(ctx: AppContext) {
  return createVerificationService({
    db: ctx.database.db,
    rpc: ctx.chain.rpc.rpc,
    authority: ctx.chain.authority.address,
    vault: ctx.chain.vault.address,
    network: createNetworkDetector({
      rpc: ctx.chain.rpc.rpc,
      bundledValidator: ctx.chain.bundledValidator !== undefined,
    }),
    platformName: ctx.config.PLATFORM_NAME,
    ipfs: ctx.ipfs,
    gatewayBaseUrl: ctx.config.IPFS_GATEWAY_URL ?? '',
  });
}
