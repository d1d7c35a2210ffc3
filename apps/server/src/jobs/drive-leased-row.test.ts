import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { staleError } from '../errors/stale-error.ts';
import { driveLeasedRow } from './drive-leased-row.ts';

type Row = { id: string; status: string; updatedAt: Date; attempts: number };
const retry = { baseMs: 1_000, maxMs: 60_000, maxAttempts: Number.POSITIVE_INFINITY };
const row = (status: string, attempts = 0): Row => ({
  id: 'r1',
  status,
  updatedAt: new Date(attempts),
  attempts,
});

async function drive(start: Row, advance: (r: Row) => Promise<Row>) {
  const released: (number | undefined)[] = [];
  const steps: string[] = [];
  const last = await driveLeasedRow(start, {
    inProgress: (r) => r.status !== 'done',
    advance: async (r) => {
      steps.push(r.status);
      return advance(r);
    },
    maxSteps: 4,
    retry,
    release: (_, retryInMs) => {
      released.push(retryInMs);
      return Promise.resolve();
    },
    name: 'test',
    logger: pino({ level: 'silent' }),
    describe: (r) => ({ id: r.id }),
  });
  return { last, released, steps };
}

describe('driveLeasedRow', () => {
  it('steps until the row rests, then releases it due at once', async () => {
    const next: Record<string, string> = { a: 'b', b: 'done' };
    const { last, released, steps } = await drive(row('a'), (r) =>
      Promise.resolve({ ...r, status: next[r.status]!, updatedAt: new Date(r.updatedAt.getTime() + 1) }),
    );
    expect(last.status).toBe('done');
    expect(steps).toEqual(['a', 'b']);
    expect(released).toEqual([undefined]);
  });

  it('stops when a step moves nothing and releases with a backoff', async () => {
    const { released, steps } = await drive(row('a', 2), (r) => Promise.resolve(r));
    expect(steps).toEqual(['a']);
    // Attempt 2 of a 1 s base: within [2 s, 4 s].
    expect(released[0]).toBeGreaterThanOrEqual(2_000);
    expect(released[0]).toBeLessThanOrEqual(4_000);
  });

  it('backs off one attempt further after a failed step, not at all after a stale one', async () => {
    const failed = await drive(row('a', 2), async () => Promise.reject(new Error('rpc down')));
    expect(failed.released[0]).toBeGreaterThanOrEqual(4_000);
    expect(failed.released[0]).toBeLessThanOrEqual(8_000);
    const stale = await drive(row('a', 2), async () => Promise.reject(staleError('claim', ['r1'])));
    expect(stale.released).toEqual([undefined]);
  });

  it('takes at most maxSteps steps per lease', async () => {
    const { steps, released } = await drive(row('a'), (r) =>
      Promise.resolve({ ...r, updatedAt: new Date(r.updatedAt.getTime() + 1) }),
    );
    expect(steps).toHaveLength(4);
    expect(released[0]).toBeGreaterThan(0);
  });
});
