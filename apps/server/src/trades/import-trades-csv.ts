import type { ErrorCode } from '@insignia/contract';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { tradeRowSchema, type IngestTradesResponse, type TradeRow } from '@insignia/contract';
import type { TradeIngestion } from './trade-ingestion.ts';

export interface ImportProgress {
  rows: number;
  inserted: number;
  duplicates: number;
  /** Rows keyed by an email not verified yet: held until it is. */
  pending: number;
  /** Reversal rows applied (a `reverses` column names the trade a row reverses). */
  reversed: number;
  rejected: Array<{ line: number; id: string; code: ErrorCode; message: string }>;
}

/**
 * Imports trade history from CSV (header: id, userId and/or email, volumeUsd, executedAt;
 * optionally `reverses`: a row with it reverses that trade, volume and date optional)
 * through the same ingestion path as the API, in batches, streaming so a file of any size
 * fits in memory. Bad rows are reported by line and skipped; re-running a file is harmless.
 */
export async function importTradesCsv(
  input: Readable,
  ingestion: Pick<TradeIngestion, 'ingest'>,
  options: { batchSize?: number; onProgress?: (p: ImportProgress) => void } = {},
): Promise<ImportProgress> {
  const batchSize = options.batchSize ?? 1_000;
  const progress: ImportProgress = {
    rows: 0,
    inserted: 0,
    duplicates: 0,
    pending: 0,
    reversed: 0,
    rejected: [],
  };
  let batch: Array<{ line: number; trade: TradeRow }> = [];

  const flush = async () => {
    if (batch.length === 0) return;
    const result: IngestTradesResponse = await ingestion.ingest(batch.map((b) => b.trade));
    progress.inserted += result.inserted;
    progress.duplicates += result.duplicates;
    progress.pending += result.pending;
    progress.reversed += result.reversed;
    for (const r of result.rejected) {
      const line = batch[r.index]?.line;
      // The ingestion reports indexes into the batch it was given.
      if (line === undefined) throw new RangeError(`rejected trade index ${r.index} is outside the batch`);
      progress.rejected.push({ line, id: r.id, code: r.code, message: r.message });
    }
    batch = [];
    options.onProgress?.({ ...progress });
  };

  const parser = input.pipe(
    parse({
      columns: (header: string[]) => header.map((h) => h.trim()),
      skip_empty_lines: true,
      trim: true,
      info: true,
    }),
  );
  for await (const { record, info } of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number };
  }>) {
    progress.rows++;
    const parsed = tradeRowSchema.safeParse({
      id: record.id,
      userId: record.userId || undefined,
      email: record.email || undefined,
      volumeUsd: record.reverses ? record.volumeUsd || undefined : record.volumeUsd,
      executedAt: record.reverses ? record.executedAt || undefined : record.executedAt,
      reverses: record.reverses || undefined,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      progress.rejected.push({
        line: info.lines,
        id: record.id ?? '',
        code: 'VALIDATION__INVALID_ROW',
        message: `${issue?.path.join('.')}: ${issue?.message}`,
      });
      continue;
    }
    batch.push({ line: info.lines, trade: parsed.data });
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return progress;
}
