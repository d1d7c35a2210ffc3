import type { AccountSnapshot } from './account-snapshot.ts';
import type { Logger } from './logger.ts';
import type { TransactionRecord } from './transaction-record.ts';

/** A transaction that reached the ledger, with the post-state of the accounts it changed. */
export interface TransactionEvent {
  readonly record: TransactionRecord;
  readonly accounts: ReadonlyMap<string, AccountSnapshot | null>;
}

/** Slot and transaction notifications (what WebSocket subscriptions are fed from). */
export class ChainEvents {
  private readonly slotListeners = new Set<(slot: number) => void>();
  private readonly transactionListeners = new Set<(event: TransactionEvent) => void>();

  constructor(private readonly logger: Logger) {}

  /** Calls `listener` for every new slot; returns the unsubscribe function. */
  onSlot(listener: (slot: number) => void): () => void {
    this.slotListeners.add(listener);
    return () => this.slotListeners.delete(listener);
  }

  /** Calls `listener` for every transaction that reaches the ledger; returns the unsubscribe function. */
  onTransaction(listener: (event: TransactionEvent) => void): () => void {
    this.transactionListeners.add(listener);
    return () => this.transactionListeners.delete(listener);
  }

  emitSlot(slot: number): void {
    for (const listener of this.slotListeners) this.guard(() => listener(slot));
  }

  emitTransaction(event: TransactionEvent): void {
    for (const listener of this.transactionListeners) this.guard(() => listener(event));
  }

  // A failing subscriber must not fail the transaction that triggered it.
  private guard(call: () => void): void {
    try {
      call();
    } catch (error) {
      this.logger.error(`local validator: listener failed: ${(error as Error).message}`);
    }
  }
}
