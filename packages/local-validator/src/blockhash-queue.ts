import { createHash } from 'node:crypto';
import { getBase58Decoder } from '@solana/kit';

const base58 = getBase58Decoder();

/**
 * Recent blockhashes with the slot each was issued at.
 *
 * LiteSVM only accepts its single latest blockhash, which would reject a transaction prepared on
 * the server and signed seconds later in a browser, so its check is disabled and expiry is
 * enforced here instead. The blockhash of a slot is `sha256(seed || slot)`: deterministic, so the
 * queue is rebuilt from the slot number alone after a restart (nothing to persist but the seed).
 */
export class BlockhashQueue {
  /** blockhash → slot, in increasing slot order (Map keeps insertion order). */
  private readonly recent = new Map<string, number>();
  private newestSlot = -1;

  constructor(
    private readonly seed: Uint8Array,
    private readonly validSlots: number,
  ) {}

  /** The blockhash issued at `slot`. */
  hashAt(slot: number): string {
    const slotBytes = Buffer.alloc(8);
    slotBytes.writeBigUInt64LE(BigInt(slot));
    return base58.decode(createHash('sha256').update(this.seed).update(slotBytes).digest());
  }

  /** Issues the blockhashes of every slot up to `slot` and forgets those that expired. */
  advanceTo(slot: number): void {
    const oldestValid = slot - this.validSlots;
    for (let s = Math.max(this.newestSlot + 1, oldestValid, 0); s <= slot; s++)
      this.recent.set(this.hashAt(s), s);
    if (slot > this.newestSlot) this.newestSlot = slot;
    for (const [hash, issuedAt] of this.recent) {
      if (issuedAt >= oldestValid) break;
      this.recent.delete(hash);
    }
  }

  /** The slot `blockhash` was issued at, if it is still valid at `currentSlot`. */
  issuedSlot(blockhash: string, currentSlot: number): number | undefined {
    const slot = this.recent.get(blockhash);
    return slot !== undefined && slot >= currentSlot - this.validSlots && slot <= currentSlot
      ? slot
      : undefined;
  }
}
