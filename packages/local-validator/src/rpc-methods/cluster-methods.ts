import { SLOTS_PER_EPOCH } from '../chain.ts';
import { decodeMessage } from '../decode-transaction.ts';
import { invalidParams } from '../json-rpc.ts';
import type { RpcMethodTable } from '../rpc-context.ts';
import { estimateFee } from '../estimate-fee.ts';
import { addressParam, configParam, decodeBytes, responseContext, SOLANA_CORE_VERSION } from './params.ts';

/** Slots, epochs, blockhashes, fees and node identity. */
export const clusterMethods: RpcMethodTable = {
  getHealth: () => 'ok',
  getVersion: () => ({ 'solana-core': SOLANA_CORE_VERSION, 'feature-set': 0 }),
  getGenesisHash: (_params, { chain }) => chain.genesisHash,
  getIdentity: (_params, { chain }) => ({ identity: chain.faucet.address }),
  getSlot: (params, { chain }) => (configParam(params, 0, chain), chain.sync()),
  getBlockHeight: (params, { chain }) => (configParam(params, 0, chain), chain.blockHeight()),
  getSlotLeader: (params, { chain }) => (configParam(params, 0, chain), chain.faucet.address),
  getFirstAvailableBlock: () => 0,
  minimumLedgerSlot: () => 0,
  getTransactionCount: (params, { chain }) => (configParam(params, 0, chain), chain.transactionCount),
  getEpochInfo: (params, { chain }) => {
    configParam(params, 0, chain);
    const slot = chain.sync();
    return {
      absoluteSlot: slot,
      blockHeight: chain.blockHeight(),
      epoch: Math.floor(slot / SLOTS_PER_EPOCH),
      slotIndex: slot % SLOTS_PER_EPOCH,
      slotsInEpoch: SLOTS_PER_EPOCH,
      transactionCount: chain.transactionCount,
    };
  },
  getEpochSchedule: () => ({
    firstNormalEpoch: 0,
    firstNormalSlot: 0,
    leaderScheduleSlotOffset: SLOTS_PER_EPOCH,
    slotsPerEpoch: SLOTS_PER_EPOCH,
    warmup: false,
  }),
  getLatestBlockhash: (params, { chain }) => {
    configParam(params, 0, chain);
    return { context: responseContext(chain), value: chain.latestBlockhash() };
  },
  isBlockhashValid: (params, { chain }) => {
    configParam(params, 1, chain);
    if (typeof params[0] !== 'string') throw invalidParams('expected a blockhash');
    return { context: responseContext(chain), value: chain.isBlockhashValid(params[0]) };
  },
  getFeeForMessage: (params, { chain }) => {
    configParam(params, 1, chain);
    const message = decodeMessage(decodeBytes(params[0], 'base64'));
    const fee = chain.isBlockhashValid(message.recentBlockhash) ? estimateFee(message) : null;
    return { context: responseContext(chain), value: fee };
  },
  getRecentPrioritizationFees: () => [],
  getMinimumBalanceForRentExemption: (params, { chain }) => {
    configParam(params, 1, chain);
    const size = params[0];
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0)
      throw invalidParams('expected a data length');
    return chain.minimumBalanceForRentExemption(size);
  },
  requestAirdrop: (params, { chain, faucetMaxLamports }) => {
    const address = addressParam(params, 0);
    const lamports = params[1];
    configParam(params, 2, chain);
    if (typeof lamports !== 'number' || !Number.isSafeInteger(lamports) || lamports <= 0)
      throw invalidParams('lamports must be a positive integer');
    if (BigInt(lamports) > faucetMaxLamports) {
      throw invalidParams(`airdrop of ${lamports} lamports exceeds the faucet limit of ${faucetMaxLamports}`);
    }
    return chain.airdrop(address, BigInt(lamports));
  },
};
