import { createNoopSigner, generateKeyPairSigner, getTransactionMessageSize } from '@solana/kit';
import { SYSTEM_PROGRAM_ADDRESS } from '@solana-program/system';
import { TOKEN_2022_PROGRAM_ADDRESS } from '@solana-program/token-2022';
import { describe, expect, it } from 'vitest';
import { buildLevelNftMint } from './build-level-nft-mint.ts';
import { buildAtomicUpgrade } from './build-atomic-upgrade.ts';
import { buildBurnLevelNft } from './build-burn-level-nft.ts';
import { prepareTransaction } from './prepare-transaction.ts';
import { fakeBuildRpc, SAMPLE_CID } from './chain-test-fixtures.ts';
import { deriveMintSigner } from './derive-mint-signer.ts';

const secret = new Uint8Array(32).fill(1);
const meta = { name: 'Insignia Level 5', symbol: 'INSG', uri: `ipfs://${SAMPLE_CID}`, level: 5 };

describe('level NFT builders', () => {
  it('orders instructions as Token-2022 requires and leaves only the user signature missing', async () => {
    const authority = await generateKeyPairSigner();
    const owner = (await generateKeyPairSigner()).address;
    const mint = await deriveMintSigner(secret, 'level-nft', 'req-1');
    const ctx = { rpc: fakeBuildRpc() };
    const built = await buildLevelNftMint(ctx, { ...meta, mint, authority, owner });
    const programs = built.message.instructions.map((ix) => ix.programAddress);
    expect(programs[0]).toBe(SYSTEM_PROGRAM_ADDRESS);
    expect(programs.slice(1, 7).every((p) => p === TOKEN_2022_PROGRAM_ADDRESS)).toBe(true);
    // Extensions before InitializeMint2: MetadataPointer(39), MintCloseAuthority(25), NonTransferable(32), InitializeMint2(20).
    expect(built.message.instructions.slice(1, 5).map((ix) => ix.data?.[0])).toEqual([39, 25, 32, 20]);
    // Then metadata init + `level` field, ATA, mintTo(7), SetAuthority(6) to None.
    expect(built.message.instructions.slice(-2).map((ix) => ix.data?.[0])).toEqual([7, 6]);
    const prepared = await prepareTransaction(built.message);
    expect(prepared.missingSigners).toEqual([owner]);
    expect(prepared.signature).toBeUndefined();
    expect(prepared.size).toBeLessThanOrEqual(1232);
    expect(built.costLamports).toBeGreaterThan(0n);
  });

  it('server-paid mint is fully signed', async () => {
    const authority = await generateKeyPairSigner();
    const owner = (await generateKeyPairSigner()).address;
    const mint = await deriveMintSigner(secret, 'level-nft', 'req-2');
    const built = await buildLevelNftMint(
      { rpc: fakeBuildRpc() },
      { ...meta, mint, authority, owner, feePayer: authority },
    );
    const prepared = await prepareTransaction(built.message);
    expect(prepared.missingSigners).toEqual([]);
    expect(prepared.signature).toBeDefined();
  });

  it('atomic burn + mint fits in one transaction', async () => {
    const authority = await generateKeyPairSigner();
    const owner = (await generateKeyPairSigner()).address;
    const oldMint = (await deriveMintSigner(secret, 'level-nft', 'old')).address;
    const mint = await deriveMintSigner(secret, 'level-nft', 'new');
    const built = await buildAtomicUpgrade(
      { rpc: fakeBuildRpc(), computeBudget: { unitPriceMicroLamports: 1000n, unitLimit: 300_000 } },
      {
        ...meta,
        mint,
        authority,
        owner,
        oldMint,
      },
    );
    expect(built.size).toBe(getTransactionMessageSize(built.message));
    expect(built.size).toBeLessThanOrEqual(1232);
    const prepared = await prepareTransaction(built.message);
    expect(prepared.missingSigners).toEqual([owner]);
    console.info(
      `atomic upgrade transaction: ${built.size} bytes (with compute budget), ${built.message.instructions.length} instructions`,
    );
  });

  it('burn + close can co-close the mint with the server as close authority', async () => {
    const authority = await generateKeyPairSigner();
    const owner = createNoopSigner((await generateKeyPairSigner()).address);
    const mint = (await deriveMintSigner(secret, 'level-nft', 'x')).address;
    const built = await buildBurnLevelNft(
      { rpc: fakeBuildRpc() },
      { owner, mint, closeMint: { closeAuthority: authority } },
    );
    expect(built.message.instructions).toHaveLength(3);
    const prepared = await prepareTransaction(built.message);
    expect(prepared.missingSigners).toEqual([owner.address]);
  });
});
