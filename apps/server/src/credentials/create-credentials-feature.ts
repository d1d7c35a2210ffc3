import type { AppContext } from '../app/app-context.ts';
import { createNetworkDetector } from '../verification/detect-network.ts';
import { createCredentialsService } from './credentials-service.ts';

/** The Open Badges credentials service, built from the app context. */
export function createCredentialsFeature(ctx: AppContext) {
  return createCredentialsService({
    db: ctx.database.db,
    authority: ctx.chain.authority,
    publicUrl: ctx.config.publicUrl,
    platformName: ctx.config.PLATFORM_NAME,
    saltSecret: ctx.config.recipientHashSalt,
    network: createNetworkDetector({
      rpc: ctx.chain.rpc.rpc,
      bundledValidator: ctx.chain.bundledValidator !== undefined,
    }),
    gatewayBaseUrl: ctx.config.IPFS_GATEWAY_URL ?? '',
  });
}
