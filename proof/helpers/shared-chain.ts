import { generateKeyPairSync } from 'node:crypto';
import { getAddressDecoder } from '@solana/kit';
import { startLocalValidator, type LocalValidator } from '@insignia/local-validator';
import { SOL } from './api-user.ts';
import { startRpcProxy, type RpcProxy } from './rpc-proxy.ts';

/** A fresh ed25519 keypair as a Solana CLI JSON array (private half, then public), and its address. */
function newKeypair(): { json: string; address: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const priv = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32);
  const pub = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return { json: JSON.stringify([...priv, ...pub]), address: getAddressDecoder().decode(pub) };
}

export interface SharedChain {
  validator: LocalValidator;
  /** The only RPC endpoint the servers get: can be frozen or cut (`proxy.setMode`). */
  proxy: RpcProxy;
  /** Environment for a server process: the proxy as its RPC, funded platform keys. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * One local validator outside any server process, reached by servers only through a proxy,
 * with funded authority and vault keys passed in the environment: several server processes,
 * and restarts, share one chain, and the test can freeze the RPC under them.
 */
export async function startSharedChain(): Promise<SharedChain> {
  const validator = await startLocalValidator({ port: 0 });
  const proxy = await startRpcProxy(validator.url);
  const authority = newKeypair();
  const vault = newKeypair();
  for (const key of [authority, vault]) await validator.airdrop(key.address, 100n * SOL);
  return {
    validator,
    proxy,
    env: { SOLANA_RPC_URLS: proxy.url, AUTHORITY_KEYPAIR: authority.json, VAULT_KEYPAIR: vault.json },
    async close() {
      await proxy.close();
      await validator.close();
    },
  };
}
