import type { IngestTradesResponse, TradeReversalInput } from '@insignia/contract';
import type { Db } from '../db/database.ts';
import {
  lookUpReversedTrades,
  recordTradeReversals,
  withdrawHeldTrades,
  type ReversalRef,
  type TradeReversalRow,
} from './trade-reversal-store.ts';

type Rejected = IngestTradesResponse['rejected'][number];

/**
 * Applies reversals (each with its index in the batch): a recorded trade leaves its user's
 * volume once, a held trade is withdrawn from `pending_trades`. A reversal of an unknown
 * trade, or one whose volume is not the trade's (no partial reversals), is rejected. Held
 * trades go first: their delete waits for a verification moving them, so the lookup after it
 * sees them as recorded trades then.
 */
export async function reverseTrades(
  db: Db,
  reversals: readonly { index: number; row: TradeReversalInput }[],
) {
  const refs: ReversalRef[] = reversals.map(({ row }, idx) => ({
    idx,
    external_id: row.id,
    reverses: row.reverses,
    volume_usd: row.volumeUsd ?? null,
    reversed_at: row.executedAt ?? null,
  }));
  return db.transaction(async (tx) => {
    const withdrawn = await withdrawHeldTrades(tx, refs);
    const found = new Map((await lookUpReversedTrades(tx, refs)).map((f) => [f.idx, f]));
    const rejected: Rejected[] = [];
    const toRecord: TradeReversalRow[] = [];
    const claimedHeld = new Set<string>();
    let withdrawnCount = 0;
    let duplicates = 0;
    reversals.forEach(({ index, row }, idx) => {
      const f = found.get(idx);
      const reject = (code: Rejected['code'], message: string) =>
        rejected.push({ index, id: row.id, code, message });
      if (f?.reused_id) {
        // Counting it as a duplicate would tell the platform a correction happened that did not.
        reject('TRADE__REVERSAL_ID_REUSED', `Reversal ${row.id} already reversed another trade.`);
      } else if (withdrawn.has(row.reverses)) {
        // Several reversals of one held trade in a batch: the first withdraws it.
        if (claimedHeld.has(row.reverses)) duplicates++;
        else withdrawnCount++;
        claimedHeld.add(row.reverses);
      } else if (f?.trade_id) {
        if (f.trade_volume_matches)
          toRecord.push({ external_id: row.id, trade_id: f.trade_id, reversed_at: row.executedAt ?? null });
        else
          reject(
            'TRADE__REVERSAL_VOLUME_MISMATCH',
            `Trade ${row.reverses} has another volume than ${row.volumeUsd}.`,
          );
      } else if (f?.already_reversed) {
        // A trade reversed while it was still held: resending the reversal changes nothing.
        duplicates++;
      } else if (f?.held_volume_matches === false) {
        reject(
          'TRADE__REVERSAL_VOLUME_MISMATCH',
          `Trade ${row.reverses} has another volume than ${row.volumeUsd}.`,
        );
      } else {
        reject('TRADE__NOT_FOUND', `No trade ${row.reverses}.`);
      }
    });
    const { inserted, userIds } = await recordTradeReversals(tx, toRecord);
    return {
      reversed: inserted + withdrawnCount,
      duplicates: duplicates + toRecord.length - inserted,
      rejected,
      userIds,
    };
  });
}
