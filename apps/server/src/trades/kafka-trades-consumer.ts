import { Kafka, logLevel, type Consumer } from 'kafkajs';
import type { Logger } from 'pino';
import { ingestTradesSchema, tradeRowSchema, type TradeRow } from '@insignia/contract';
import type { TradeIngestion } from './trade-ingestion.ts';

/**
 * A message is one trade or reversal, or `{ trades: [...] }` as the HTTP API takes; anything
 * else is skipped.
 */
export function parseTradeMessage(value: Buffer | null): { trades: TradeRow[] } | { error: string } {
  if (!value) return { error: 'empty message' };
  let json: unknown;
  try {
    json = JSON.parse(value.toString('utf8'));
  } catch {
    return { error: 'not JSON' };
  }
  const many = ingestTradesSchema.safeParse(json);
  if (many.success) return { trades: many.data.trades };
  const one = tradeRowSchema.safeParse(json);
  if (one.success) return { trades: [one.data] };
  return { error: one.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
}

/**
 * Optional trade feed from a Kafka topic. Offsets are committed only after a batch is
 * ingested; ingestion is idempotent by trade id, so redelivery after a crash counts nothing
 * twice. Malformed messages are logged and skipped, never block the partition.
 */
export async function startKafkaTradesConsumer(options: {
  brokers: string[];
  clientId: string;
  topic: string;
  ingestion: Pick<TradeIngestion, 'ingest'>;
  logger: Logger;
}): Promise<{ stop(): Promise<void> }> {
  const kafka = new Kafka({ clientId: options.clientId, brokers: options.brokers, logLevel: logLevel.WARN });
  const consumer: Consumer = kafka.consumer({ groupId: `${options.clientId}-trades` });
  await consumer.connect();
  await consumer.subscribe({ topic: options.topic, fromBeginning: true });
  await consumer.run({
    eachBatchAutoResolve: false,
    eachBatch: async (payload) => {
      const { batch } = payload;
      const trades: TradeRow[] = [];
      for (const message of batch.messages) {
        const parsed = parseTradeMessage(message.value);
        if ('error' in parsed)
          options.logger.warn(
            { topic: batch.topic, offset: message.offset, error: parsed.error },
            'skipping a malformed trade message',
          );
        else trades.push(...parsed.trades);
      }
      for (let i = 0; i < trades.length; i += 10_000) {
        const result = await options.ingestion.ingest(trades.slice(i, i + 10_000));
        if (result.rejected.length > 0)
          options.logger.warn(
            { rejected: result.rejected.slice(0, 20) },
            'trades for unknown users or reversals of unknown trades skipped',
          );
        await payload.heartbeat();
      }
      const last = batch.messages.at(-1);
      if (last) payload.resolveOffset(last.offset);
    },
  });
  return { stop: () => consumer.disconnect() };
}
