import { TOKEN_2022_PROGRAM_ADDRESS } from '@solana-program/token-2022';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChainHarness, type ChainHarness } from './chain-integration-fixtures.ts';
import { deriveMintSigner } from './derive-mint-signer.ts';
import { buildLevelNftMint } from './build-level-nft-mint.ts';
import { buildBurnLevelNft, buildCloseMint } from './build-burn-level-nft.ts';
import { buildAtomicUpgrade } from './build-atomic-upgrade.ts';
import { fetchMintInfo } from './fetch-mint-info.ts';
import { fetchLevelNftState } from './fetch-level-nft-state.ts';
import { findTokenAccount } from './find-token-account.ts';
import type { Address } from '@solana/kit';

let h: ChainHarness;
beforeAll(async () => {
  h = await startChainHarness();
});
afterAll(async () => {
  await h.validator.close();
});

const URI = 'ipfs://bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku';
const level = (n: number) => ({ name: `Insignia Level ${n}`, symbol: 'INSG', uri: URI, level: n });

async function tokenMintsOf(owner: Address): Promise<string[]> {
  const { value } = await h.chain.rpc
    .getTokenAccountsByOwner(owner, { programId: TOKEN_2022_PROGRAM_ADDRESS }, { encoding: 'jsonParsed' })
    .send();
  return value.map((a) => (a.account.data as { parsed: { info: { mint: string } } }).parsed.info.mint);
}

describe('level NFT on the local validator', () => {
  it('mint (user pays, server co-signs) → visible with metadata → retry is idempotent → burn + close → close mint', async () => {
    const user = await h.newUser();
    const requestId = crypto.randomUUID();
    const mint = await deriveMintSigner(h.secret, 'level-nft', requestId);
    const built = await buildLevelNftMint(h.chain, {
      ...level(1),
      mint,
      authority: h.authority,
      owner: user.address,
    });
    const minted = await h.walletSignAndSend(built.message, user, built.costLamports);
    expect(minted.status).toBe('confirmed');
    expect(minted.prepared.missingSigners).toEqual([user.address]);

    expect(await tokenMintsOf(user.address)).toEqual([mint.address]);
    const info = await fetchMintInfo(h.chain.rpc, mint.address);
    expect(info).toMatchObject({
      supply: 1n,
      decimals: 0,
      mintAuthority: null,
      closeAuthority: h.authority.address,
      nonTransferable: true,
      metadata: {
        name: 'Insignia Level 1',
        symbol: 'INSG',
        uri: URI,
        additional: { level: '1' },
        updateAuthority: h.authority.address,
      },
    });

    // Re-submitting the same signed bytes is harmless: same signature, reported confirmed.
    const resent = await h.sender.send({
      wire: minted.wire,
      lastValidBlockHeight: built.lastValidBlockHeight,
    });
    expect(resent).toMatchObject({ status: 'confirmed', signature: minted.signature });

    // A retried request (new blockhash) derives the same mint and is refused as already existing.
    const again = await deriveMintSigner(h.secret, 'level-nft', requestId);
    expect(again.address).toBe(mint.address);
    const lifetime = await h.freshLifetime(built.message.lifetimeConstraint.blockhash);
    const retry = await buildLevelNftMint(
      { ...h.chain, lifetime },
      { ...level(1), mint: again, authority: h.authority, owner: user.address },
    );
    expect(await h.walletSignAndSend(retry.message, user)).toMatchObject({
      status: 'already_exists',
      instructionIndex: 0,
    });
    expect((await fetchMintInfo(h.chain.rpc, mint.address))?.supply).toBe(1n);
    expect(await tokenMintsOf(user.address)).toHaveLength(1);
    const expected = { mint: mint.address, owner: user.address, authority: h.authority.address };
    expect(await fetchLevelNftState(h.chain.rpc, expected)).toMatchObject({ state: 'held', level: '1' });
    expect(await fetchLevelNftState(h.chain.rpc, { ...expected, mint: user.address })).toEqual({
      state: 'foreign',
    });

    // Burn + close: the token account's rent goes back to the user.
    const tokenAccount = await findTokenAccount(user.address, mint.address);
    const accountRent = (await h.chain.rpc.getAccountInfo(tokenAccount, { encoding: 'base64' }).send()).value!
      .lamports;
    const before = await h.balance(user.address);
    const burn = await buildBurnLevelNft(h.chain, { owner: user.address, mint: mint.address });
    expect((await h.walletSignAndSend(burn.message, user)).status).toBe('confirmed');
    expect(await tokenMintsOf(user.address)).toEqual([]);
    expect(await h.balance(user.address)).toBe(before + accountRent - 5000n);
    expect((await fetchMintInfo(h.chain.rpc, mint.address))?.supply).toBe(0n);
    expect(await fetchLevelNftState(h.chain.rpc, expected)).toMatchObject({ state: 'burned' });

    // Close the mint (server is close authority) to reclaim its rent.
    const close = await buildCloseMint(h.chain, { mint: mint.address, closeAuthority: h.authority });
    expect((await h.serverSend(close.message)).status).toBe('confirmed');
    expect(await fetchMintInfo(h.chain.rpc, mint.address)).toBeNull();
    expect(await fetchLevelNftState(h.chain.rpc, expected)).toEqual({ state: 'absent' });
  });

  it('server-paid mint is fully signed by the server; burn can close the mint in the same transaction', async () => {
    const user = await h.newUser(0n);
    const mint = await deriveMintSigner(h.secret, 'level-nft', crypto.randomUUID());
    const built = await buildLevelNftMint(h.chain, {
      ...level(2),
      mint,
      authority: h.authority,
      owner: user.address,
      feePayer: h.authority,
      nonTransferable: false,
    });
    expect((await h.serverSend(built.message)).status).toBe('confirmed');
    expect(await fetchMintInfo(h.chain.rpc, mint.address)).toMatchObject({
      supply: 1n,
      nonTransferable: false,
      metadata: { additional: { level: '2' } },
    });

    // Two-step upgrade's burn with the mint closed in the same transaction (server co-signs).
    await h.validator.airdrop(user.address, 10_000_000n);
    const mintRent = (await h.chain.rpc.getAccountInfo(mint.address, { encoding: 'base64' }).send()).value!
      .lamports;
    const accountRent = (await h.chain.rpc.getAccountInfo(built.tokenAccount, { encoding: 'base64' }).send())
      .value!.lamports;
    const before = await h.balance(user.address);
    const burn = await buildBurnLevelNft(h.chain, {
      owner: user.address,
      mint: mint.address,
      closeMint: { closeAuthority: h.authority },
    });
    expect((await h.walletSignAndSend(burn.message, user)).status).toBe('confirmed');
    expect(await fetchMintInfo(h.chain.rpc, mint.address)).toBeNull();
    expect(await h.balance(user.address)).toBe(before + mintRent + accountRent - 10_000n);
  });

  it('atomic upgrade burns the old level and mints the new one in one transaction', async () => {
    const user = await h.newUser();
    const oldMint = await deriveMintSigner(h.secret, 'level-nft', crypto.randomUUID());
    const first = await buildLevelNftMint(h.chain, {
      ...level(1),
      mint: oldMint,
      authority: h.authority,
      owner: user.address,
    });
    expect((await h.walletSignAndSend(first.message, user)).status).toBe('confirmed');

    const newMint = await deriveMintSigner(h.secret, 'level-nft', crypto.randomUUID());
    const upgrade = await buildAtomicUpgrade(h.chain, {
      ...level(2),
      mint: newMint,
      authority: h.authority,
      owner: user.address,
      oldMint: oldMint.address,
    });
    expect(upgrade.size).toBeLessThanOrEqual(1232);
    const result = await h.walletSignAndSend(upgrade.message, user, upgrade.costLamports);
    expect(result.status).toBe('confirmed');
    expect(await tokenMintsOf(user.address)).toEqual([newMint.address]);
    expect(await fetchMintInfo(h.chain.rpc, oldMint.address)).toBeNull();
    expect((await fetchMintInfo(h.chain.rpc, newMint.address))?.metadata?.additional).toEqual({ level: '2' });
    console.info(
      `atomic burn+mint: ${upgrade.size} bytes, ${upgrade.message.instructions.length} instructions`,
    );
  });

  it('a fee payer with no SOL, or too little for the rent, is classified insufficient_sol', async () => {
    const broke = await h.newUser(0n);
    const mint = await deriveMintSigner(h.secret, 'level-nft', crypto.randomUUID());
    const built = await buildLevelNftMint(h.chain, {
      ...level(1),
      mint,
      authority: h.authority,
      owner: broke.address,
    });
    expect(await h.walletSignAndSend(built.message, broke, built.costLamports)).toMatchObject({
      status: 'insufficient_sol',
      needLamports: built.costLamports,
    });

    const poor = await h.newUser(1_000_000n);
    const built2 = await buildLevelNftMint(h.chain, {
      ...level(1),
      mint,
      authority: h.authority,
      owner: poor.address,
    });
    const out = await h.walletSignAndSend(built2.message, poor, built2.costLamports);
    expect(out).toMatchObject({ status: 'insufficient_sol', needLamports: built2.costLamports - 1_000_000n });
  });
});
