/** The Solana layer: one RPC client, deterministic mint keys, transaction builders, sending. */
export { createChainRpc, type ChainRpc, type ChainRpcConfig } from './create-chain-rpc.ts';
export {
  createFailoverTransport,
  endpointLabel,
  type EndpointHealth,
  type RpcFailureKind,
} from './create-failover-transport.ts';
export { createRpcMetrics, type RpcMetrics } from './rpc-metrics.ts';
export { computeBackoffMs, parseRetryAfterMs, type BackoffPolicy } from './backoff.ts';
export { deriveMintSeed, deriveMintSigner } from './derive-mint-signer.ts';
export {
  createBaseMessage,
  resolveLifetime,
  type BlockhashLifetime,
  type BuildContext,
  type BuiltMessage,
  type ComputeBudget,
} from './create-base-message.ts';
export {
  getCreateTokenMintInstructions,
  getTokenMintSizes,
  type TokenMetadataInput,
  type TokenMintSpec,
} from './get-create-token-mint-instructions.ts';
export {
  buildLevelNftMint,
  getLevelNftMintInstructions,
  type LevelNftMintBuild,
  type LevelNftMintInput,
} from './build-level-nft-mint.ts';
export {
  buildBurnLevelNft,
  buildCloseMint,
  type BurnLevelNftInput,
  type CloseMintInput,
} from './build-burn-level-nft.ts';
export {
  buildAtomicUpgrade,
  type AtomicUpgradeBuild,
  type AtomicUpgradeInput,
} from './build-atomic-upgrade.ts';
export { buildBadgeMint, type BadgeMintBuild, type BadgeMintInput } from './build-badge-mint.ts';
export {
  packBadgeIssuances,
  type BadgeIssuanceItem,
  type IssuanceBatch,
  type PackBadgeIssuancesInput,
} from './pack-badge-issuances.ts';
export {
  buildVaultTransfer,
  type VaultTransferBuild,
  type VaultTransferInput,
} from './build-vault-transfer.ts';
export { findTokenAccount } from './find-token-account.ts';
export { fetchMintInfo, type MintInfo } from './fetch-mint-info.ts';
export { fetchLevelNftState, type LevelNftState } from './fetch-level-nft-state.ts';
export {
  prepareTransaction,
  serializePartiallySigned,
  assertMessageFits,
  type PreparedTransaction,
} from './prepare-transaction.ts';
export { parseSignedTransaction, type SignedTransaction } from './parse-signed-transaction.ts';
export {
  createTransactionSender,
  type SendInput,
  type ConfirmInput,
  type TransactionSender,
} from './create-transaction-sender.ts';
export { confirmSignature, type ConfirmSignatureInput } from './confirm-signature.ts';
export { classifyTransactionError, getInstructionProgramIds } from './classify-transaction-error.ts';
export type { SendResult, SendStatus, TransactionFailure } from './send-result.ts';
export {
  loadOrCreateKeypair,
  type LoadedKeypair,
  type LoadOrCreateKeypairInput,
} from './load-or-create-keypair.ts';
export { watchBalance, type BalanceWatch, type WatchBalanceInput } from './watch-balance.ts';
export { asSigner } from './as-signer.ts';
