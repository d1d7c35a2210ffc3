import { Connection, PublicKey } from '@solana/web3.js';
import {
  createSolanaRpc,
  generateKeyPairSigner,
  getBase64Encoder,
  type Address,
  type Base58EncodedBytes,
  type Signature,
} from '@solana/kit';
import { getMintDecoder, getTokenDecoder, TOKEN_2022_PROGRAM_ADDRESS } from '@solana-program/token-2022';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalValidator, type LocalValidator } from '../src/index.ts';
import { sendAndConfirm, type TestRpc } from './support/rpc-helpers.ts';
import { levelMintInstructions } from './support/token-mint.ts';

describe('Token-2022 level NFT over HTTP JSON-RPC', () => {
  let validator: LocalValidator;
  let rpc: TestRpc;
  let owner: Address;
  let mint: Address;
  let ata: Address;
  let signature: Signature;

  beforeAll(async () => {
    validator = await startLocalValidator({ port: 0 });
    rpc = createSolanaRpc(validator.url);
    const payer = await generateKeyPairSigner();
    const mintSigner = await generateKeyPairSigner();
    owner = (await generateKeyPairSigner()).address;
    await validator.airdrop(payer.address, 1_000_000_000n);
    const built = await levelMintInstructions({
      payer,
      mint: mintSigner,
      owner,
      name: 'Level 1',
      symbol: 'LVL',
      uri: 'ipfs://bafkreilevel1',
      rentFor: (space) => rpc.getMinimumBalanceForRentExemption(BigInt(space)).send(),
    });
    mint = mintSigner.address;
    ata = built.ata;
    signature = await sendAndConfirm(rpc, payer, built.instructions);
  });
  afterAll(() => validator.close());

  it('creates the mint with decimals 0, supply 1 and on-mint metadata', async () => {
    const { value } = await rpc.getAccountInfo(mint, { encoding: 'base64' }).send();
    expect(value?.owner).toBe(TOKEN_2022_PROGRAM_ADDRESS);
    const decoded = getMintDecoder().decode(getBase64Encoder().encode(value!.data[0]));
    expect(decoded).toMatchObject({ decimals: 0, supply: 1n, isInitialized: true });
    expect((await rpc.getTokenSupply(mint).send()).value).toEqual({
      amount: '1',
      decimals: 0,
      uiAmount: 1,
      uiAmountString: '1',
    });
  });

  it('serves the mint jsonParsed with metadataPointer and tokenMetadata extensions', async () => {
    const { value } = await rpc.getAccountInfo(mint, { encoding: 'jsonParsed' }).send();
    const data = value!.data as { program: string; parsed: { type: string; info: Record<string, unknown> } };
    expect(data.program).toBe('spl-token-2022');
    expect(data.parsed.type).toBe('mint');
    expect(data.parsed.info).toMatchObject({
      decimals: 0,
      supply: '1',
      isInitialized: true,
      freezeAuthority: null,
    });
    expect(data.parsed.info.extensions).toEqual([
      { extension: 'metadataPointer', state: { authority: expect.any(String), metadataAddress: mint } },
      {
        extension: 'tokenMetadata',
        state: {
          updateAuthority: expect.any(String),
          mint,
          name: 'Level 1',
          symbol: 'LVL',
          uri: 'ipfs://bafkreilevel1',
          additionalMetadata: [],
        },
      },
    ]);
  });

  it('finds the token account with kit getTokenAccountsByOwner (base64 and jsonParsed, by mint and by program)', async () => {
    const byMint = await rpc.getTokenAccountsByOwner(owner, { mint }, { encoding: 'base64' }).send();
    expect(byMint.value.map((a) => a.pubkey)).toEqual([ata]);
    const token = getTokenDecoder().decode(getBase64Encoder().encode(byMint.value[0]!.account.data[0]));
    expect(token).toMatchObject({ mint, owner, amount: 1n });

    const parsed = await rpc
      .getTokenAccountsByOwner(owner, { programId: TOKEN_2022_PROGRAM_ADDRESS }, { encoding: 'jsonParsed' })
      .send();
    expect(parsed.value).toHaveLength(1);
    expect(parsed.value[0]!.account.data.parsed.info).toMatchObject({
      mint,
      owner,
      state: 'initialized',
      isNative: false,
      tokenAmount: { amount: '1', decimals: 0, uiAmount: 1, uiAmountString: '1' },
      extensions: [{ extension: 'immutableOwner' }],
    });
    expect((await rpc.getTokenAccountBalance(ata).send()).value.amount).toBe('1');
  });

  it('serves several accounts at once with getMultipleAccounts', async () => {
    const missing = (await generateKeyPairSigner()).address;
    const { value } = await rpc.getMultipleAccounts([mint, ata, missing], { encoding: 'base64' }).send();
    expect(value.map((a) => a?.owner ?? null)).toEqual([
      TOKEN_2022_PROGRAM_ADDRESS,
      TOKEN_2022_PROGRAM_ADDRESS,
      null,
    ]);
  });

  it('finds the token account with a web3.js v1 Connection', async () => {
    const connection = new Connection(validator.url, 'confirmed');
    const ownerKey = new PublicKey(owner);
    const raw = await connection.getTokenAccountsByOwner(ownerKey, { mint: new PublicKey(mint) });
    expect(raw.value.map((a) => a.pubkey.toBase58())).toEqual([ata]);
    expect(raw.value[0]!.account.owner.toBase58()).toBe(TOKEN_2022_PROGRAM_ADDRESS);
    expect(raw.value[0]!.account.data.length).toBeGreaterThanOrEqual(165);

    const parsed = await connection.getParsedTokenAccountsByOwner(ownerKey, {
      programId: new PublicKey(TOKEN_2022_PROGRAM_ADDRESS),
    });
    expect(parsed.value[0]!.account.data.parsed.info.tokenAmount.uiAmount).toBe(1);
    const mintInfo = await connection.getParsedAccountInfo(new PublicKey(mint));
    expect((mintInfo.value!.data as { parsed: { info: { supply: string } } }).parsed.info.supply).toBe('1');
    expect(await connection.getBalance(ownerKey)).toBe(0);
    const status = await connection.getSignatureStatus(signature, { searchTransactionHistory: true });
    expect(status.value?.err).toBeNull();
  });

  it('reports token balances in the transaction metadata', async () => {
    const tx = await rpc
      .getTransaction(signature, { encoding: 'json', maxSupportedTransactionVersion: 0 })
      .send();
    expect(tx!.meta!.preTokenBalances).toEqual([]);
    expect(tx!.meta!.postTokenBalances).toEqual([
      expect.objectContaining({
        mint,
        owner,
        programId: TOKEN_2022_PROGRAM_ADDRESS,
        uiTokenAmount: expect.objectContaining({ amount: '1' }),
      }),
    ]);
    expect(tx!.meta!.innerInstructions!.length).toBeGreaterThan(0); // the ATA program's CPIs
  });

  it('filters getProgramAccounts with memcmp and dataSize', async () => {
    const byOwner = await rpc
      .getProgramAccounts(TOKEN_2022_PROGRAM_ADDRESS, {
        encoding: 'base64',
        filters: [
          { memcmp: { offset: 32n, bytes: owner as string as Base58EncodedBytes, encoding: 'base58' } },
        ],
      })
      .send();
    expect(byOwner.map((a) => a.pubkey)).toEqual([ata]);
    const none = await rpc
      .getProgramAccounts(TOKEN_2022_PROGRAM_ADDRESS, { encoding: 'base64', filters: [{ dataSize: 1n }] })
      .send();
    expect(none).toEqual([]);
  });
});
