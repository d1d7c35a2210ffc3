import { lamports } from '@solana/kit';
import { startLocalValidator, type LocalValidator } from '@insignia/local-validator';
import type { Database } from '../../apps/server/src/db/database.ts';
import { createTestApp, type TestApp } from '../../apps/server/src/test-support/test-app.ts';
import { newChainUser, SOL, type ChainUser } from '../../apps/server/src/test-support/test-chain-user.ts';
import { startRpcProxy, type RpcProxy } from './rpc-proxy.ts';

export interface AppOnValidator {
  t: TestApp;
  /** The chain itself, with fault injection on (`validator.faults.set`). */
  validator: LocalValidator;
  /** The app's first RPC endpoint; the second is the validator directly. */
  primary: RpcProxy;
  newUser(volumeUsd: string): Promise<ChainUser>;
  close(): Promise<void>;
}

/**
 * The whole app with `SOLANA_RPC_URLS` = [a proxy, the validator]: two providers of one chain,
 * so the failover path is the one production takes, and faults can be injected in either.
 */
export async function createAppOnValidator(
  env: Record<string, string> = {},
  options: { database?: Database } = {},
): Promise<AppOnValidator> {
  const validator = await startLocalValidator({ port: 0, enableFaultControl: true });
  const primary = await startRpcProxy(validator.url);
  const t = await createTestApp({ SOLANA_RPC_URLS: `${primary.url},${validator.url}`, ...env }, options);
  for (const key of [t.ctx.chain.authority, t.ctx.chain.vault]) {
    await validator.airdrop(key.address, lamports(100n * SOL));
  }
  return {
    t,
    validator,
    primary,
    async newUser(volumeUsd) {
      const u = await newChainUser(t, { volumeUsd, fundSol: 0n });
      await validator.airdrop(u.wallet.address, lamports(2n * SOL));
      return u;
    },
    async close() {
      await t.close();
      await primary.close();
      await validator.close();
    },
  };
}
