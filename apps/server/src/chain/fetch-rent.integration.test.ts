import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChainHarness, type ChainHarness } from './chain-integration-fixtures.ts';
import { createChainRpc } from './create-chain-rpc.ts';
import { fetchRent } from './create-base-message.ts';

let h: ChainHarness;
beforeAll(async () => {
  h = await startChainHarness();
});
afterAll(async () => {
  await h.validator.close();
});

describe('rent lookups against the local validator', () => {
  it('asks once per size, and does not remember a lookup that failed', async () => {
    // A client of its own, without retries, so the cache starts empty and a fault fails fast.
    const rpc = createChainRpc({
      urls: [h.validator.url],
      commitment: 'confirmed',
      timeoutMs: 2000,
      maxRetries: 0,
    }).rpc;
    const ctx = { rpc };
    const expected = await h.chain.rpc.getMinimumBalanceForRentExemption(165n).send();
    expect(await fetchRent(ctx, 165)).toBe(expected);

    h.validator.faults.set({ mode: 'fail', methods: ['getMinimumBalanceForRentExemption'] });
    try {
      // Remembered: answered while the validator refuses the method.
      expect(await fetchRent(ctx, 165)).toBe(expected);
      await expect(fetchRent(ctx, 300)).rejects.toThrow();
    } finally {
      h.validator.faults.clear();
    }
    expect(await fetchRent(ctx, 300)).toBe(await h.chain.rpc.getMinimumBalanceForRentExemption(300n).send());
  });
});
