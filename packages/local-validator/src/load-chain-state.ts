import { randomBytes } from 'node:crypto';
import { fromStoredAccount, SYSTEM_PROGRAM } from './account-snapshot.ts';
import type { ChainMeta, ChainStore } from './chain-store.ts';
import { Faucet, FAUCET_GENESIS_LAMPORTS } from './faucet.ts';
import type { Logger } from './logger.ts';
import { SlotClock } from './slot-clock.ts';
import { Svm } from './svm.ts';
import { TransactionIndex } from './transaction-index.ts';

/** Everything a {@link Chain} starts from. */
export interface ChainState {
  readonly svm: Svm;
  readonly meta: ChainMeta;
  readonly index: TransactionIndex;
  readonly lastSeq: number;
  /** The slot to start the clock at. */
  readonly startSlot: number;
}

/** A brand-new chain: random seed, funded faucet, slot 0. */
export function createGenesisState(): ChainState {
  const meta: ChainMeta = {
    version: 1,
    seed: randomBytes(32).toString('hex'),
    faucetSecret: randomBytes(32).toString('hex'),
    slot: 0,
    timeMs: Date.now(),
  };
  const svm = Svm.create();
  const faucet = new Faucet(Buffer.from(meta.faucetSecret, 'hex'));
  svm.setAccount(faucet.address, {
    address: faucet.address,
    lamports: FAUCET_GENESIS_LAMPORTS,
    owner: SYSTEM_PROGRAM,
    executable: false,
    data: new Uint8Array(0),
  });
  return { svm, meta, index: new TransactionIndex(), lastSeq: 0, startSlot: 0 };
}

/** Loads a persisted chain (snapshot + WAL replay), or creates genesis for an empty directory. */
export function loadChainState(store: ChainStore, slotMs: number, logger: Logger): ChainState {
  const { snapshot, wal, tornBytes } = store.load();
  if (snapshot === null) return createGenesisState();
  const svm = Svm.fromBytes(snapshot.svm);
  const index = new TransactionIndex();
  for (const record of snapshot.transactions) index.add(record);
  let lastSeq = snapshot.lastSeq;
  let reached = { slot: snapshot.meta.slot, timeMs: snapshot.meta.timeMs };
  for (const entry of wal) {
    if (entry.seq <= lastSeq) continue; // already folded into the snapshot
    for (const stored of entry.accounts) svm.setAccount(stored.address, fromStoredAccount(stored));
    index.add(entry.record);
    lastSeq = entry.seq;
    reached = { slot: entry.slot, timeMs: entry.timeMs };
  }
  if (tornBytes > 0)
    logger.warn(`local validator: ignored ${tornBytes} bytes of an incomplete write-ahead log entry`);
  logger.info(`local validator: restored ${index.size} transactions from ${store.dir}`);
  const startSlot = SlotClock.resumeSlot(reached.slot, reached.timeMs, slotMs);
  return { svm, meta: snapshot.meta, index, lastSeq, startSlot };
}
