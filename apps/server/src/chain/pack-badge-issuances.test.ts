import {
  generateKeyPairSigner,
  createNoopSigner,
  getTransactionMessageSize,
  type Address,
} from '@solana/kit';
import { describe, expect, it } from 'vitest';
import { packBadgeIssuances, type BadgeIssuanceItem } from './pack-badge-issuances.ts';
import { FIXED_LIFETIME, SAMPLE_CID, randomAddresses } from './chain-test-fixtures.ts';
import { isAppError } from '../errors/app-error.ts';

const LIMIT = 1232;

async function setup() {
  const authority = await generateKeyPairSigner();
  const [mintA, mintB] = await randomAddresses(2);
  return { authority, mintA: mintA!, mintB: mintB! };
}

function items(owners: Address[], mint: Address, prefix = 'i'): BadgeIssuanceItem[] {
  return owners.map((owner, i) => ({ id: `${prefix}${i}`, mint, owner, memo: SAMPLE_CID }));
}

describe('packBadgeIssuances', () => {
  it('packs wallet recipients close to but never over 1232 bytes, keeping every item once and in order', async () => {
    const { authority, mintA } = await setup();
    const all = items(await randomAddresses(40), mintA);
    const batches = await packBadgeIssuances({
      feePayer: authority,
      mintAuthority: authority,
      items: all,
      lifetime: FIXED_LIFETIME,
    });
    expect(batches.flatMap((b) => b.items.map((i) => i.id))).toEqual(all.map((i) => i.id));
    for (const [n, batch] of batches.entries()) {
      expect(batch.size).toBe(getTransactionMessageSize(batch.message));
      expect(batch.size).toBeLessThanOrEqual(LIMIT);
      // Greedy: every batch but the last was closed because the next recipient did not fit (~150 bytes each).
      if (n < batches.length - 1) expect(batch.size).toBeGreaterThan(LIMIT - 160);
    }
    expect(batches[0]!.items.length).toBeGreaterThanOrEqual(4);
  });

  it('creates the vault token account once per batch and fits more vault recipients per transaction', async () => {
    const { authority, mintA } = await setup();
    const vault = (await generateKeyPairSigner()).address;
    const vaultItems = items(Array(30).fill(vault), mintA, 'v');
    const walletItems = items(await randomAddresses(30), mintA, 'w');
    const [vaultBatches, walletBatches] = await Promise.all([
      packBadgeIssuances({
        feePayer: authority,
        mintAuthority: authority,
        items: vaultItems,
        lifetime: FIXED_LIFETIME,
      }),
      packBadgeIssuances({
        feePayer: authority,
        mintAuthority: authority,
        items: walletItems,
        lifetime: FIXED_LIFETIME,
      }),
    ]);
    expect(vaultBatches[0]!.items.length).toBeGreaterThan(walletBatches[0]!.items.length);
    const ataCreates = vaultBatches[0]!.message.instructions.filter(
      (ix) => ix.programAddress === 'ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL',
    );
    expect(ataCreates).toHaveLength(1);
    for (const b of vaultBatches) expect(b.size).toBeLessThanOrEqual(LIMIT);
  });

  it('mixes badges and recipient kinds, with the admin wallet as mint authority (no-op signer)', async () => {
    const { authority, mintA, mintB } = await setup();
    const admin = createNoopSigner((await generateKeyPairSigner()).address);
    const vault = (await generateKeyPairSigner()).address;
    const mixed = [...items(await randomAddresses(5), mintA, 'a'), ...items([vault, vault], mintB, 'b')];
    const batches = await packBadgeIssuances({
      feePayer: authority,
      mintAuthority: admin,
      items: mixed,
      lifetime: FIXED_LIFETIME,
    });
    expect(batches.flatMap((b) => b.items)).toHaveLength(7);
    for (const b of batches) expect(b.size).toBeLessThanOrEqual(LIMIT);
  });

  it('fills each transaction exactly as far as compiling every candidate would (counted sizes are exact)', async () => {
    const { authority, mintA, mintB } = await setup();
    const vault = (await generateKeyPairSigner()).address;
    const admin = createNoopSigner((await generateKeyPairSigner()).address);
    const owners = await randomAddresses(24);
    // Wallets and the vault, two badges, memos of varied length, with and without a compute budget.
    const mixed = [...owners, vault, vault, vault].flatMap((owner, i) => [
      { id: `a${i}`, mint: mintA, owner, memo: SAMPLE_CID.slice(0, 20 + (i % 40)) },
      ...(i % 3 === 0 ? [{ id: `b${i}`, mint: mintB, owner, memo: SAMPLE_CID }] : []),
    ]);
    for (const variant of [
      { mintAuthority: authority },
      { mintAuthority: admin, computeBudget: { unitPriceMicroLamports: 1_000n, unitLimit: 400_000 } },
      { mintAuthority: authority, sizeLimit: 1_100 },
    ]) {
      const batches = await packBadgeIssuances({
        feePayer: authority,
        items: mixed,
        lifetime: FIXED_LIFETIME,
        ...variant,
      });
      const limit = variant.sizeLimit ?? LIMIT;
      expect(batches.flatMap((b) => b.items)).toEqual(mixed);
      for (const [n, batch] of batches.entries()) {
        expect(batch.size).toBe(getTransactionMessageSize(batch.message));
        expect(batch.size).toBeLessThanOrEqual(limit);
        if (n === batches.length - 1) continue;
        // The next item, packed alone into this batch's tail, would not have fitted.
        const [withNext] = await packBadgeIssuances({
          feePayer: authority,
          items: [...batch.items, batches[n + 1]!.items[0]!],
          lifetime: FIXED_LIFETIME,
          ...variant,
          sizeLimit: 10_000,
        });
        expect(getTransactionMessageSize(withNext!.message)).toBeGreaterThan(limit);
      }
    }
  });

  it('throws CHAIN__TRANSACTION_TOO_LARGE when one item alone cannot fit', async () => {
    const { authority, mintA } = await setup();
    const [owner] = await randomAddresses(1);
    const huge = [{ id: 'x', mint: mintA, owner: owner!, memo: 'x'.repeat(1200) }];
    await expect(
      packBadgeIssuances({
        feePayer: authority,
        mintAuthority: authority,
        items: huge,
        lifetime: FIXED_LIFETIME,
      }),
    ).rejects.toSatisfy((e) => isAppError(e, 'CHAIN__TRANSACTION_TOO_LARGE'));
  });
});
