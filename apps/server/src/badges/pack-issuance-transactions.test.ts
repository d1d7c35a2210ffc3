import fc from 'fast-check';
import { generateKeyPairSigner, getBase64EncodedWireTransaction, compileTransaction } from '@solana/kit';
import { describe, expect, it } from 'vitest';
import { FIXED_LIFETIME, SAMPLE_CID, randomAddresses } from '../chain/chain-test-fixtures.ts';
import { packIssuanceTransactions, type PackableIssuance } from './pack-issuance-transactions.ts';

describe('packIssuanceTransactions', () => {
  it('packs the same rows into the same transactions, whatever order they come in', async () => {
    const authority = await generateKeyPairSigner();
    const [mintA, mintB] = await randomAddresses(2);
    const owners = await randomAddresses(30);
    // Two badges, recipients created a second apart, some at the same instant (the id decides).
    const items: PackableIssuance[] = owners.map((owner, i) => ({
      id: `i${String(i).padStart(2, '0')}`,
      mint: i % 3 === 0 ? mintA! : mintB!,
      owner,
      memo: SAMPLE_CID,
      row: {
        id: `i${String(i).padStart(2, '0')}`,
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, Math.floor(i / 2))),
      },
    }));
    const pack = async (input: readonly PackableIssuance[]) => {
      const batches = await packIssuanceTransactions({ authority, items: input, lifetime: FIXED_LIFETIME });
      return batches.map((b) => ({
        ids: b.items.map((item) => item.id),
        wire: getBase64EncodedWireTransaction(compileTransaction(b.message)),
      }));
    };
    const expected = await pack(items);
    expect(expected.length).toBeGreaterThan(1);
    // Every row once; one badge's recipients together, oldest first.
    const packedIds = expected.flatMap((b) => b.ids);
    expect([...packedIds].sort()).toEqual(items.map((item) => item.id).sort());
    const mintOf = new Map(items.map((item) => [item.id, item.mint]));
    const mints = packedIds.map((id) => mintOf.get(id));
    expect(mints.filter((m, i) => i > 0 && m !== mints[i - 1])).toHaveLength(1);
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(items, { minLength: items.length }), async (shuffled) => {
        expect(await pack(shuffled)).toEqual(expected);
      }),
      { numRuns: 20 },
    );
  });
});
