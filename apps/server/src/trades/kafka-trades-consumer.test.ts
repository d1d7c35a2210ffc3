import { describe, expect, it } from 'vitest';
import { parseTradeMessage } from './kafka-trades-consumer.ts';

const trade = { id: 'k1', userId: 'u1', volumeUsd: '10.5', executedAt: '2026-11-01T00:00:00Z' };

// No Kafka broker runs in this environment; the consumer's own logic is what is tested here,
// and ingestion itself is covered by the trades API and CSV tests.
describe('Kafka trade messages', () => {
  it('accepts one trade or a batch in the API shape', () => {
    expect(parseTradeMessage(Buffer.from(JSON.stringify(trade)))).toEqual({ trades: [trade] });
    expect(
      parseTradeMessage(Buffer.from(JSON.stringify({ trades: [trade, { ...trade, id: 'k2' }] }))),
    ).toMatchObject({ trades: [{ id: 'k1' }, { id: 'k2' }] });
  });

  it('skips malformed messages with a reason instead of throwing', () => {
    expect(parseTradeMessage(null)).toEqual({ error: 'empty message' });
    expect(parseTradeMessage(Buffer.from('{oops'))).toEqual({ error: 'not JSON' });
    expect(parseTradeMessage(Buffer.from(JSON.stringify({ ...trade, volumeUsd: 10.5 })))).toHaveProperty(
      'error',
    );
  });
});
