import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Address } from '@solana/kit';
import { startChainHarness, type ChainHarness } from './chain-integration-fixtures.ts';
import { deriveMintSigner } from './derive-mint-signer.ts';
import { buildBadgeMint } from './build-badge-mint.ts';
import { packBadgeIssuances, type BadgeIssuanceItem } from './pack-badge-issuances.ts';
import { buildVaultTransfer } from './build-vault-transfer.ts';
import { findTokenAccount } from './find-token-account.ts';
import { fetchMintInfo } from './fetch-mint-info.ts';
import { resolveLifetime } from './create-base-message.ts';
import { SAMPLE_CID } from './chain-test-fixtures.ts';

let h: ChainHarness;
beforeAll(async () => {
  h = await startChainHarness();
});
afterAll(async () => {
  await h.validator.close();
});

const amountOf = async (owner: Address, mint: Address) => {
  const ata = await findTokenAccount(owner, mint);
  return (await h.chain.rpc.getTokenAccountBalance(ata).send()).value.amount;
};

async function createBadge(name: string) {
  const mint = await deriveMintSigner(h.secret, 'badge-mint', crypto.randomUUID());
  const built = await buildBadgeMint(h.chain, {
    mint,
    authority: h.authority,
    name,
    symbol: 'BDG',
    uri: `ipfs://${SAMPLE_CID}`,
  });
  expect((await h.serverSend(built.message)).status).toBe('confirmed');
  return mint.address;
}

describe('badges on the local validator', () => {
  it('creates a badge mint with its IPFS metadata and the server as mint authority', async () => {
    const mint = await createBadge('Early Trader');
    expect(await fetchMintInfo(h.chain.rpc, mint)).toMatchObject({
      supply: 0n,
      decimals: 0,
      mintAuthority: h.authority.address,
      metadata: { name: 'Early Trader', uri: `ipfs://${SAMPLE_CID}` },
    });
  });

  it('issues to many wallets and to the vault in packed batches (each ≤ 1232 bytes), then claims one from the vault', async () => {
    const [badgeA, badgeB] = [await createBadge('Volume Hero'), await createBadge('Streak')];
    const wallets = await Promise.all(Array.from({ length: 14 }, () => h.newUser(0n)));
    const items: BadgeIssuanceItem[] = [
      ...wallets.map((w, i) => ({ id: `w${i}`, mint: badgeA, owner: w.address, memo: SAMPLE_CID })),
      ...Array.from({ length: 9 }, (_, i) => ({
        id: `v${i}`,
        mint: badgeA,
        owner: h.vault.address,
        memo: SAMPLE_CID,
      })),
      ...wallets
        .slice(0, 3)
        .map((w, i) => ({ id: `b${i}`, mint: badgeB, owner: w.address, memo: SAMPLE_CID })),
    ];
    const lifetime = await resolveLifetime(h.chain);
    const batches = await packBadgeIssuances({
      feePayer: h.authority,
      mintAuthority: h.authority,
      items,
      lifetime,
      computeBudget: h.chain.computeBudget,
    });
    expect(batches.flatMap((b) => b.items)).toHaveLength(items.length);
    for (const b of batches) expect(b.size).toBeLessThanOrEqual(1232);
    console.info(
      `badge issuance: ${items.length} items in ${batches.length} transactions: ${batches.map((b) => `${b.items.length}@${b.size}B`).join(', ')}`,
    );

    const results = await Promise.all(batches.map((b) => h.serverSend(b.message)));
    expect(results.map((r) => r.status)).toEqual(batches.map(() => 'confirmed'));
    for (const w of wallets) expect(await amountOf(w.address, badgeA)).toBe('1');
    for (const w of wallets.slice(0, 3)) expect(await amountOf(w.address, badgeB)).toBe('1');
    expect(await amountOf(h.vault.address, badgeA)).toBe('9');

    // Claim: vault → the user's profile wallet (token account created on the way), signed by the vault key.
    const claimer = await h.newUser(0n);
    const transfer = await buildVaultTransfer(h.chain, {
      mint: badgeA,
      vault: h.vault,
      recipient: claimer.address,
      feePayer: h.authority,
      memo: 'claim:1',
    });
    expect((await h.serverSend(transfer.message)).status).toBe('confirmed');
    expect(await amountOf(claimer.address, badgeA)).toBe('1');
    expect(await amountOf(h.vault.address, badgeA)).toBe('8');
  });
});
