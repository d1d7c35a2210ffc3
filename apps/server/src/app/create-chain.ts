import { join } from 'node:path';
import { lamports, type Address, type KeyPairSigner } from '@solana/kit';
import { startLocalValidator, type LocalValidator } from '@insignia/local-validator';
import type { Logger } from 'pino';
import { Gauge, type Registry } from 'prom-client';
import { createChainRpc, type ChainRpc } from '../chain/create-chain-rpc.ts';
import { createTransactionSender, type TransactionSender } from '../chain/create-transaction-sender.ts';
import { loadOrCreateKeypair } from '../chain/load-or-create-keypair.ts';
import { watchBalance } from '../chain/watch-balance.ts';
import type { AppConfig } from '../config/app-config.ts';

const SOL = 1_000_000_000n;

/** The Solana side of the app: one RPC client, the sender, and the platform's keys. */
export interface Chain {
  rpc: ChainRpc;
  sender: TransactionSender;
  /** Mint, metadata and close authority of every level NFT and badge; pays server-side fees. */
  authority: KeyPairSigner;
  /** Owner of the vault token accounts holding unclaimed badges. */
  vault: KeyPairSigner;
  /** HKDF input for deterministic mint keys; never changes for a deployment. */
  mintKeySecret: Uint8Array;
  /** Present in embedded mode: the bundled validator this process started. */
  localValidator: LocalValidator | undefined;
  /**
   * The bundled validator this instance uses (test network: a faucet, a `localnet` chain id),
   * whether this process started it or, in a multi-process start, the primary did.
   */
  bundledValidator: BundledValidator | undefined;
  /** Where each platform key came from (check-chain-identity.ts names it when it is wrong). */
  keyOrigins: Record<'authority' | 'vault', KeyOrigin>;
  close(): Promise<void>;
}

/** What the app needs of the bundled validator, in this process or the primary's. */
export type BundledValidator = Pick<LocalValidator, 'url' | 'airdrop'>;

/** A platform key's origin: its setting, and the file it was read from or generated into. */
export type KeyOrigin = Readonly<{
  setting: 'AUTHORITY_KEYPAIR' | 'VAULT_KEYPAIR';
  source: 'env' | 'file' | 'generated';
  file: string | undefined;
}>;

/** A keypair setting is either the JSON byte array itself or a path to a keypair file. */
function keypairSource(value: string | undefined, generateInto: string) {
  if (!value) return { generateInto };
  return value.trim().startsWith('[') ? { envValue: value } : { file: value };
}

export async function createChain(
  config: AppConfig,
  logger: Logger,
  metrics: Registry,
  options: { localValidatorPort?: number; persistChain?: boolean } = {},
): Promise<Chain> {
  let localValidator: LocalValidator | undefined;
  let urls = config.SOLANA_RPC_URLS ?? [];
  const hostedElsewhere = urls.length === 0 ? config.SOLANA_BUNDLED_VALIDATOR_URL : undefined;
  if (hostedElsewhere) {
    urls = [hostedElsewhere];
  } else if (urls.length === 0) {
    localValidator = await startLocalValidator({
      port: options.localValidatorPort ?? config.SOLANA_LOCAL_PORT,
      blockhashValidSlots: config.SOLANA_LOCAL_BLOCKHASH_SLOTS,
      enableFaultControl: config.SOLANA_LOCAL_FAULT_CONTROL,
      dataDir: options.persistChain === false ? null : join(config.dataDir, 'chain'),
      logger: logger.child({ component: 'local-validator' }),
    });
    urls = [localValidator.url];
    logger.info({ url: localValidator.url }, 'local validator started');
  }
  const rpc = createChainRpc({
    urls,
    commitment: config.SOLANA_COMMITMENT,
    timeoutMs: 10_000,
    maxRetries: 4,
    computeUnitPriceMicroLamports: config.SOLANA_CU_PRICE_MICROLAMPORTS,
    computeUnitLimit: config.SOLANA_CU_LIMIT,
    metrics,
  });
  const sender = createTransactionSender({ rpc: rpc.rpc, commitment: config.SOLANA_COMMITMENT, metrics });
  const keysDir = join(config.dataDir, 'keys');
  const loadKey = async (setting: KeyOrigin['setting'], value: string | undefined, name: string) => {
    const input = keypairSource(value, join(keysDir, name));
    const loaded = await loadOrCreateKeypair(input);
    const file = 'file' in input ? input.file : 'generateInto' in input ? input.generateInto : undefined;
    return { signer: loaded.signer, origin: { setting, source: loaded.source, file } };
  };
  const authorityKey = await loadKey('AUTHORITY_KEYPAIR', config.AUTHORITY_KEYPAIR, 'authority.json');
  const vaultKey = await loadKey('VAULT_KEYPAIR', config.VAULT_KEYPAIR, 'vault.json');
  const [authority, vault] = [authorityKey.signer, vaultKey.signer];
  // The primary's validator, reached over RPC: its faucet is `requestAirdrop`.
  const bundledValidator: BundledValidator | undefined =
    localValidator ??
    (hostedElsewhere
      ? {
          url: hostedElsewhere,
          airdrop: (address, amount) =>
            rpc.rpc.requestAirdrop(address as Address, lamports(BigInt(amount))).send(),
        }
      : undefined);

  if (localValidator) {
    // Embedded mode pays its own way from the faucet; a real cluster needs the operator to fund it.
    for (const key of [authority, vault]) {
      const { value } = await rpc.rpc.getBalance(key.address).send();
      if (value < 10n * SOL) await localValidator.airdrop(key.address, lamports(100n * SOL));
    }
  }

  const gauge = new Gauge({
    name: 'insignia_authority_balance_lamports',
    help: 'SOL balance of the platform keys',
    labelNames: ['key'] as const,
    registers: [metrics],
  });
  const balanceWatch = watchBalance({
    rpc: rpc.rpc,
    address: authority.address,
    lowLamports: BigInt(Math.round(config.AUTHORITY_LOW_BALANCE_SOL * 1e9)),
    gauge,
    labels: { key: 'authority' },
    logger,
  });

  return {
    rpc,
    sender,
    authority,
    vault,
    mintKeySecret: Buffer.from(config.mintKeySecret, 'utf8'),
    localValidator,
    bundledValidator,
    keyOrigins: { authority: authorityKey.origin, vault: vaultKey.origin },
    async close() {
      balanceWatch.stop();
      sender.close(); // confirmations still pending end as `network`: decidable at the next start
      await localValidator?.close();
    },
  };
}
