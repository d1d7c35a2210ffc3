import type { TransactionRecord } from './transaction-record.ts';

/** Processed transactions by signature, and the signatures touching each address (oldest first). */
export class TransactionIndex {
  private readonly bySignature = new Map<string, TransactionRecord>();
  private readonly byAddress = new Map<string, string[]>();

  /** Adds a record; a signature already present is ignored (replaying a log twice is harmless). */
  add(record: TransactionRecord): void {
    if (this.bySignature.has(record.signature)) return;
    this.bySignature.set(record.signature, record);
    for (const address of new Set(record.accountKeys)) {
      let list = this.byAddress.get(address);
      if (list === undefined) this.byAddress.set(address, (list = []));
      list.push(record.signature);
    }
  }

  get(signature: string): TransactionRecord | undefined {
    return this.bySignature.get(signature);
  }

  has(signature: string): boolean {
    return this.bySignature.has(signature);
  }

  get size(): number {
    return this.bySignature.size;
  }

  /** Signatures of the transactions that included `address`, oldest first. */
  signaturesFor(address: string): readonly string[] {
    return this.byAddress.get(address) ?? [];
  }

  /** Every record, oldest first. */
  records(): IterableIterator<TransactionRecord> {
    return this.bySignature.values();
  }
}
