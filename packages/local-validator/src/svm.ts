// The raw-bytes binding that the public `LiteSVM` class wraps. Going direct skips, per call, the
// @solana/kit base58 conversions of every address and the decode/re-encode of every transaction,
// which made up most of the validator's per-transaction cost.
import {
  Account,
  Clock,
  FailedTransactionMetadata,
  LiteSvm,
  type SimulatedTransactionInfo,
  type TransactionMetadata,
} from 'litesvm/dist/internal.js';
import type { AccountSnapshot } from './account-snapshot.ts';
import { addressBytes, encodeBase58 } from './base58.ts';

export { FailedTransactionMetadata, type SimulatedTransactionInfo, type TransactionMetadata };

/** The Memo v4 address that `@solana-program/memo` >= 0.15 targets; LiteSVM 1.5 does not ship it. */
export const MEMO_V4_PROGRAM = 'Memo4c2pN8afCj432Lb7RMVKi9PbQnnW7ewFFaV3oAH';
const MEMO_V3_PROGRAM = 'MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr';
/** Every memo program address (memos from any of them are reported). */
export const MEMO_PROGRAMS: ReadonlySet<string> = new Set([
  'Memo1UhkJRfHyvLMcVucJwxXeuD728EqVDDwQDxFMNo',
  MEMO_V3_PROGRAM,
  MEMO_V4_PROGRAM,
]);

/** What current validators report: every account is rent-exempt. */
const RENT_EXEMPT_EPOCH = 18_446_744_073_709_551_615n;
const SYSTEM_PROGRAM_BYTES = new Uint8Array(32);

/** LiteSVM (builtins, sysvars, SPL Token / Token-2022 / ATA / Memo) addressed by base58 strings. */
export class Svm {
  private constructor(private readonly inner: LiteSvm) {
    // Signatures are verified per call (see sendTransaction); blockhash expiry and duplicate
    // detection are the validator's, so LiteSVM's single-blockhash check and history are off.
    inner.setBlockhashCheck(false);
    inner.setTransactionHistory(0n);
  }

  /** A fresh VM. */
  static create(): Svm {
    const svm = new Svm(new LiteSvm());
    // Serve Memo v4 with the v3 binary: same instruction format, and the program never checks its own id.
    const memoV3 = svm.inner.getAccount(addressBytes(MEMO_V3_PROGRAM));
    if (memoV3 !== null && svm.getAccount(MEMO_V4_PROGRAM) === null)
      svm.inner.addProgram(addressBytes(MEMO_V4_PROGRAM), memoV3.data());
    return svm;
  }

  /** A VM restored from {@link toBytes} output. */
  static fromBytes(bytes: Uint8Array): Svm {
    return new Svm(LiteSvm.fromBytes(bytes));
  }

  /** The full state (accounts, sysvars, features). */
  toBytes(): Uint8Array {
    return this.inner.toBytes();
  }

  /** An account; null when it does not exist (zero lamports). */
  getAccount(address: string): AccountSnapshot | null {
    const account = this.inner.getAccount(addressBytes(address));
    if (account === null || account.lamports() === 0n) return null;
    return {
      address,
      lamports: account.lamports(),
      owner: encodeBase58(account.owner()),
      executable: account.executable(),
      data: account.data(),
    };
  }

  /** Writes an account; null deletes it. */
  setAccount(address: string, account: AccountSnapshot | null): void {
    const owner = account === null ? SYSTEM_PROGRAM_BYTES : addressBytes(account.owner);
    const data = account?.data ?? new Uint8Array(0);
    this.inner.setAccount(
      addressBytes(address),
      new Account(account?.lamports ?? 0n, data, owner, account?.executable ?? false, RENT_EXEMPT_EPOCH),
    );
  }

  /** Every existing account owned by `programId`. */
  getProgramAccounts(programId: string): AccountSnapshot[] {
    return this.inner.getProgramAccounts(addressBytes(programId)).flatMap((entry) => {
      const account = entry.account();
      if (account.lamports() === 0n) return [];
      return [
        {
          address: encodeBase58(entry.address),
          lamports: account.lamports(),
          owner: programId,
          executable: account.executable(),
          data: account.data(),
        },
      ];
    });
  }

  /** Executes and commits a wire transaction. */
  sendTransaction(
    wire: Uint8Array,
    versioned: boolean,
    sigverify: boolean,
  ): TransactionMetadata | FailedTransactionMetadata {
    this.inner.setSigverify(sigverify);
    return versioned ? this.inner.sendVersionedTransaction(wire) : this.inner.sendLegacyTransaction(wire);
  }

  /** Executes a wire transaction without committing anything. */
  simulateTransaction(
    wire: Uint8Array,
    versioned: boolean,
    sigverify: boolean,
  ): SimulatedTransactionInfo | FailedTransactionMetadata {
    this.inner.setSigverify(sigverify);
    return versioned
      ? this.inner.simulateVersionedTransaction(wire)
      : this.inner.simulateLegacyTransaction(wire);
  }

  /** Sets the Clock sysvar. */
  setClock(slot: number, epoch: number, unixTimestamp: number): void {
    this.inner.setClock(
      new Clock(BigInt(slot), BigInt(unixTimestamp), BigInt(epoch), BigInt(epoch), BigInt(unixTimestamp)),
    );
  }

  minimumBalanceForRentExemption(dataLength: number): bigint {
    return this.inner.minimumBalanceForRentExemption(BigInt(dataLength));
  }
}
