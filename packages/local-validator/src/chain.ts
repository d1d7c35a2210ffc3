import { createHash } from 'node:crypto';
import { sameAccount, toStoredAccount, type AccountSnapshot } from './account-snapshot.ts';
import { encodeBase58 } from './base58.ts';
import { BlockhashQueue } from './blockhash-queue.ts';
import type { ChainMeta, ChainStore } from './chain-store.ts';
import { decodeTransaction, type DecodedTransaction } from './decode-transaction.ts';
import { ChainEvents } from './chain-events.ts';
import { executeTransaction, type ExecutionResult } from './execute-transaction.ts';
import { Faucet } from './faucet.ts';
import { createGenesisState, loadChainState } from './load-chain-state.ts';
import type { Logger } from './logger.ts';
import { resolveAccountKeys, type ResolvedAccountKeys } from './resolve-account-keys.ts';
import { SlotClock } from './slot-clock.ts';
import type { Svm } from './svm.ts';
import { readMintCore, tokenAccountKind } from './token-layout.ts';
import { preflightFailure, signatureFailure } from './preflight-errors.ts';
import { TransactionFailure } from './transaction-error.ts';
import type { TransactionIndex } from './transaction-index.ts';
import { buildTransactionRecord, type TransactionRecord } from './transaction-record.ts';

/** Slots per epoch, as on mainnet. */
export const SLOTS_PER_EPOCH = 432_000;
const COMPACT_AFTER_WAL_ENTRIES = 10_000;
const MAX_SLOT_EVENTS_PER_TICK = 10;

/** Options of {@link Chain.open}. */
export interface ChainOptions {
  readonly slotMs: number;
  readonly blockhashValidSlots: number;
  /** null: in memory only. */
  readonly store: ChainStore | null;
  readonly logger: Logger;
}

/**
 * The ledger: LiteSVM plus the slot clock, the blockhash window, the transaction index and
 * persistence. Everything here is synchronous (as LiteSVM is), so requests never interleave.
 */
export class Chain {
  readonly genesisHash: string;
  readonly faucet: Faucet;
  /** Slot and transaction notifications. */
  readonly events: ChainEvents;
  private readonly blockhashes: BlockhashQueue;
  private readonly clock: SlotClock;
  private currentSlot = -1;
  private closed = false;

  private constructor(
    private readonly svm: Svm,
    private readonly meta: ChainMeta,
    private readonly index: TransactionIndex,
    private lastSeq: number,
    startSlot: number,
    private readonly options: ChainOptions,
  ) {
    const seed = Buffer.from(meta.seed, 'hex');
    this.genesisHash = encodeBase58(createHash('sha256').update(seed).update('genesis').digest());
    this.faucet = new Faucet(Buffer.from(meta.faucetSecret, 'hex'));
    this.blockhashes = new BlockhashQueue(seed, options.blockhashValidSlots);
    this.clock = new SlotClock(startSlot, options.slotMs);
    this.events = new ChainEvents(options.logger);
    this.sync();
  }

  /** Opens the chain: restored from `options.store` when it holds one, else a new genesis. */
  static open(options: ChainOptions): Chain {
    const state = options.store
      ? loadChainState(options.store, options.slotMs, options.logger)
      : createGenesisState();
    const chain = new Chain(state.svm, state.meta, state.index, state.lastSeq, state.startSlot, options);
    if (options.store) chain.snapshot(); // compacts the replayed WAL
    return chain;
  }

  /** Advances to the wall-clock slot: new blockhash, LiteSVM clock, slot events. Returns the slot. */
  sync(): number {
    const slot = this.clock.current();
    if (slot === this.currentSlot) return slot;
    const previous = this.currentSlot;
    this.currentSlot = slot;
    this.blockhashes.advanceTo(slot);
    this.svm.setClock(slot, Math.floor(slot / SLOTS_PER_EPOCH), Math.floor(Date.now() / 1000));
    for (let s = Math.max(previous + 1, slot - MAX_SLOT_EVENTS_PER_TICK + 1); s <= slot; s++) {
      this.events.emitSlot(s);
    }
    return slot;
  }

  /**
   * Jumps `slots` ahead now: block height with it, so blockhashes handed out before expire
   * without waiting (tests only). Returns the new slot.
   */
  advanceSlots(slots: number): number {
    this.clock.skip(slots);
    return this.sync();
  }

  /** Block height; every slot produces a block here, so it equals the slot. */
  blockHeight(): number {
    return this.sync();
  }

  /** The newest blockhash and the last block height at which it is still accepted. */
  latestBlockhash(): { blockhash: string; lastValidBlockHeight: number } {
    const slot = this.sync();
    return {
      blockhash: this.blockhashes.hashAt(slot),
      lastValidBlockHeight: slot + this.options.blockhashValidSlots,
    };
  }

  isBlockhashValid(blockhash: string): boolean {
    return this.blockhashes.issuedSlot(blockhash, this.sync()) !== undefined;
  }

  getAccount(address: string): AccountSnapshot | null {
    return this.svm.getAccount(address);
  }

  getProgramAccounts(programId: string): AccountSnapshot[] {
    return this.svm.getProgramAccounts(programId);
  }

  minimumBalanceForRentExemption(dataLength: number): bigint {
    return this.svm.minimumBalanceForRentExemption(dataLength);
  }

  /** Decimals of a token mint, if `mint` is one. */
  decimalsOf(mint: string): number | undefined {
    const account = this.getAccount(mint);
    if (account === null || tokenAccountKind(account.owner, account.data) !== 'mint') return undefined;
    return readMintCore(account.data)?.decimals;
  }

  get transactionCount(): number {
    return this.index.size;
  }

  getTransaction(signature: string): TransactionRecord | undefined {
    return this.index.get(signature);
  }

  /** The record of `signature` if it is visible: always with `searchHistory`, else only in the recent status cache. */
  signatureStatus(signature: string, searchHistory: boolean): TransactionRecord | undefined {
    const record = this.index.get(signature);
    const statusCacheSlots = Math.max(300, 2 * this.options.blockhashValidSlots);
    if (record === undefined || (!searchHistory && record.slot < this.sync() - statusCacheSlots))
      return undefined;
    return record;
  }

  signaturesFor(address: string): readonly string[] {
    return this.index.signaturesFor(address);
  }

  /**
   * Processes a wire transaction like a validator's sendTransaction: with preflight, any failure is
   * thrown as the RPC error; with `skipPreflight`, rejected transactions are silently dropped and
   * failed-but-charged ones recorded with their error. Returns the signature.
   */
  sendTransaction(wire: Uint8Array, options: { skipPreflight: boolean }): string {
    const tx = decodeTransaction(wire);
    const slot = this.sync();
    const preflight = !options.skipPreflight;
    let result: ExecutionResult;
    let accounts: ResolvedAccountKeys;
    try {
      this.checkLifetime(tx, slot);
      accounts = resolveAccountKeys(tx, (address) => this.getAccount(address));
      result = executeTransaction(this.svm, tx, accounts, !preflight);
    } catch (error) {
      if (!(error instanceof TransactionFailure)) throw error;
      if (preflight) throw preflightFailure(error.err, null);
      return tx.signature;
    }
    if (!result.committed) {
      if (!preflight || result.err === null) return tx.signature; // without preflight, a rejected transaction just never lands
      if (result.err === 'SignatureFailure') throw signatureFailure();
      throw preflightFailure(result.err, result);
    }
    this.commit(tx, accounts, result, slot);
    return tx.signature;
  }

  /** Sends `lamports` from the faucet to `address`; returns the signature. */
  airdrop(address: string, lamports: bigint): string {
    const blockhash = this.latestBlockhash().blockhash;
    for (let nonce = 0; ; nonce++) {
      const wire = this.faucet.buildTransfer(address, lamports, blockhash, nonce);
      // The same amount to the same address in one slot would repeat a signature.
      if (!this.index.has(decodeTransaction(wire).signature))
        return this.sendTransaction(wire, { skipPreflight: false });
    }
  }

  /** Throws the TransactionFailure a bank reports for an expired/unknown blockhash or a repeat. */
  private checkLifetime(tx: DecodedTransaction, slot: number): void {
    if (this.blockhashes.issuedSlot(tx.recentBlockhash, slot) === undefined)
      throw new TransactionFailure('BlockhashNotFound');
    if (this.index.has(tx.signature)) throw new TransactionFailure('AlreadyProcessed');
  }

  /**
   * Resolves once every committed transaction is on disk (null when all are, or nothing persists).
   * Every answer waits for it: no client learns of a change a machine crash could still undo.
   */
  whenDurable(): Promise<void> | null {
    return this.options.store?.whenDurable() ?? null;
  }

  /** The VM, for read-only helpers such as simulation. */
  get vm(): Svm {
    return this.svm;
  }

  /** Writes a final snapshot and releases files. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.options.store) {
      this.snapshot();
      this.options.store.close();
    }
  }

  private commit(
    tx: DecodedTransaction,
    accounts: ResolvedAccountKeys,
    result: ExecutionResult,
    slot: number,
  ): void {
    const record = buildTransactionRecord(tx, accounts, result, {
      slot,
      blockTime: Math.floor(Date.now() / 1000),
      decimalsOf: (mint) => this.decimalsOf(mint),
    });
    const changed = new Map<string, AccountSnapshot | null>();
    accounts.keys.forEach((key, i) => {
      const after = result.post[i] ?? null;
      if (!sameAccount(result.pre[i] ?? null, after)) changed.set(key, after);
    });
    const store = this.options.store;
    if (store) {
      const stored = [...changed].map(([address, account]) => toStoredAccount(address, account));
      store.append({ seq: ++this.lastSeq, slot, timeMs: Date.now(), record, accounts: stored });
    }
    this.index.add(record);
    this.events.emitTransaction({ record, accounts: changed });
    if (store && store.walEntries >= COMPACT_AFTER_WAL_ENTRIES) this.snapshot();
  }

  private snapshot(): void {
    this.options.store?.writeSnapshot({
      meta: { ...this.meta, slot: this.sync(), timeMs: Date.now() },
      lastSeq: this.lastSeq,
      transactions: [...this.index.records()],
      svm: this.svm.toBytes(),
    });
  }
}
