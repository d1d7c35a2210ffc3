/**
 * CPU of building and preparing a level NFT transaction (unlock, atomic upgrade) and of checking
 * the wallet-signed transaction that comes back: kit's path ("before") against templates and
 * the byte-level check ("after"), in one process, in alternating blocks so both see the same
 * machine. Every request has a new owner and a new mint, as in production.
 *
 * "before" is the path as it was: kit's instruction builders, compiler and WebCrypto PDA
 * derivation, kit's signer and encoder; the check through kit's decoder (a prepared
 * Transaction makes parseSignedTransaction take that path). The bench fails if the two paths
 * give different wire bytes or results.
 *
 * Run: `npx tsx bench/chain/level-template.ts`   Env: BENCH_ITERATIONS (2000).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  compileTransaction,
  createKeyPairSignerFromPrivateKeyBytes,
  createNoopSigner,
  getBase64EncodedWireTransaction,
  getSignersFromTransactionMessage,
  getTransactionSize,
  isTransactionPartialSigner,
  partiallySignTransactionWithSigners,
  type Address,
} from '@solana/kit';
import { TOKEN_2022_PROGRAM_ADDRESS, findAssociatedTokenPda } from '@solana-program/token-2022';
import { buildAtomicUpgrade } from '../../apps/server/src/chain/build-atomic-upgrade.ts';
import {
  getBurnLevelNftInstructions,
  getCloseMintInstruction,
} from '../../apps/server/src/chain/build-burn-level-nft.ts';
import {
  buildLevelNftMint,
  fetchLevelNftRent,
  getLevelNftMintInstructions,
  levelNftTemplates,
} from '../../apps/server/src/chain/build-level-nft-mint.ts';
import { fakeBuildRpc } from '../../apps/server/src/chain/chain-test-fixtures.ts';
import { createBaseMessage, type BuildContext } from '../../apps/server/src/chain/create-base-message.ts';
import { deriveMintSigner } from '../../apps/server/src/chain/derive-mint-signer.ts';
import { parseSignedTransaction } from '../../apps/server/src/chain/parse-signed-transaction.ts';
import { fromWire, prepareTransaction, toWire } from '../../apps/server/src/chain/prepare-transaction.ts';
import {
  createSeedSigner,
  withNodeSigning,
  type SeedSigner,
} from '../../apps/server/src/chain/seed-signer.ts';

const iterations = Number(process.env.BENCH_ITERATIONS ?? 2000);
const BLOCKS = 4;
const seed = randomBytes(32);
const authority = withNodeSigning(await createKeyPairSignerFromPrivateKeyBytes(new Uint8Array(seed)), seed);
const secret = randomBytes(32);
const ctx: BuildContext = { rpc: fakeBuildRpc(), computeBudget: { unitPriceMicroLamports: 1_000n } };
const meta = { name: 'Insignia Level 3', symbol: 'INSG', uri: 'https://example.com/levels/3.json', level: 3 };

type Request = { wallet: SeedSigner; mint: SeedSigner; oldMint: Address };
async function newRequests(n: number): Promise<Request[]> {
  return Promise.all(
    Array.from({ length: n }, async () => ({
      wallet: createSeedSigner(randomBytes(32)),
      mint: await deriveMintSigner(secret, 'level-nft', randomUUID()),
      oldMint: createSeedSigner(randomBytes(32)).address,
    })),
  );
}

const kitTokenAccount = async (owner: Address, mint: Address) =>
  (await findAssociatedTokenPda({ owner, mint, tokenProgram: TOKEN_2022_PROGRAM_ADDRESS }))[0];

/** The compile and size check of the code before templates. */
function kitCompile(message: ReturnType<typeof createBaseMessage>) {
  const compiled = compileTransaction(message);
  if (getTransactionSize(compiled) > 1232) throw new Error('too large');
  return compiled;
}

/** The prepared wire as the code before templates produced it. */
async function kitPrepare(message: ReturnType<typeof createBaseMessage>): Promise<string> {
  const signers = getSignersFromTransactionMessage(message).filter(isTransactionPartialSigner);
  return getBase64EncodedWireTransaction(
    await partiallySignTransactionWithSigners(signers, kitCompile(message)),
  );
}

const unlockMessageBefore = async (r: Request) => {
  const feePayer = createNoopSigner(r.wallet.address);
  const input = { ...meta, mint: r.mint, authority, owner: r.wallet.address };
  const [rent, tokenAccount] = await Promise.all([
    fetchLevelNftRent(ctx, input),
    kitTokenAccount(r.wallet.address, r.mint.address),
  ]);
  const instructions = getLevelNftMintInstructions({
    ...input,
    feePayer,
    mintLamports: rent.mintLamports,
    tokenAccount,
  });
  return createBaseMessage(feePayer, await lifetime(), instructions, ctx.computeBudget);
};
const unlockBuildAfter = (r: Request) =>
  buildLevelNftMint(ctx, { ...meta, mint: r.mint, authority, owner: r.wallet.address });

const upgradeMessageBefore = async (r: Request) => {
  const owner = createNoopSigner(r.wallet.address);
  const input = { ...meta, mint: r.mint, authority, owner: r.wallet.address, feePayer: owner };
  const [rent, tokenAccount, oldTokenAccount] = await Promise.all([
    fetchLevelNftRent(ctx, input),
    kitTokenAccount(r.wallet.address, r.mint.address),
    kitTokenAccount(r.wallet.address, r.oldMint),
  ]);
  const instructions = [
    ...getBurnLevelNftInstructions(owner, r.oldMint, oldTokenAccount),
    getCloseMintInstruction(r.oldMint, authority, owner.address),
    ...getLevelNftMintInstructions({ ...input, mintLamports: rent.mintLamports, tokenAccount }),
  ];
  return createBaseMessage(owner, await lifetime(), instructions, ctx.computeBudget);
};
const upgradeBuildAfter = (r: Request) =>
  buildAtomicUpgrade(ctx, { ...meta, mint: r.mint, authority, owner: r.wallet.address, oldMint: r.oldMint });

const unlockBefore = async (r: Request) => kitPrepare(await unlockMessageBefore(r));
const unlockAfter = async (r: Request) =>
  (await prepareTransaction((await unlockBuildAfter(r)).message)).wire;
const upgradeBefore = async (r: Request) => kitPrepare(await upgradeMessageBefore(r));
const upgradeAfter = async (r: Request) =>
  (await prepareTransaction((await upgradeBuildAfter(r)).message)).wire;

const lifetime = async () => (await ctx.rpc.getLatestBlockhash().send()).value;
const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/** CPU µs per call of `step` over `inputs`. */
async function cpuPerCall<T>(inputs: readonly T[], step: (input: T) => Promise<unknown>) {
  const started = cpuMicros();
  for (const input of inputs) await step(input);
  return (cpuMicros() - started) / inputs.length;
}

/** Alternating blocks of before and after, each on its own new requests; mean µs per call. */
async function compare<T>(
  label: string,
  make: (n: number) => Promise<T[]>,
  before: (t: T) => Promise<unknown>,
  after: (t: T) => Promise<unknown>,
) {
  const per = Math.ceil(iterations / BLOCKS);
  await cpuPerCall(await make(50), before); // warm-up, and seeds the templates
  await cpuPerCall(await make(50), after);
  let b = 0;
  let a = 0;
  for (let i = 0; i < BLOCKS; i++) {
    b += await cpuPerCall(await make(per), before);
    a += await cpuPerCall(await make(per), after);
  }
  const [mb, ma] = [b / BLOCKS, a / BLOCKS];
  console.log(
    `${label.padEnd(42)} before ${mb.toFixed(0).padStart(6)} µs   after ${ma.toFixed(0).padStart(5)} µs   ${(mb / ma).toFixed(1)}x`,
  );
}

// Same bytes both ways (and the wallet-signed inputs for the checks).
const sample = await newRequests(20);
for (const r of sample) {
  for (const [before, after] of [
    [unlockBefore, unlockAfter],
    [upgradeBefore, upgradeAfter],
  ] as const)
    if ((await before(r)) !== (await after(r))) throw new Error('before and after built different bytes');
}

type Signed = { signed: string; wire: string };
async function signedRequests(n: number): Promise<Signed[]> {
  return Promise.all(
    (await newRequests(n)).map(async (r) => {
      const prepared = await prepareTransaction(
        (await buildLevelNftMint(ctx, { ...meta, mint: r.mint, authority, owner: r.wallet.address })).message,
      );
      const [theirs] = await r.wallet.signTransactions([prepared.transaction as never]);
      const signed = toWire({
        ...prepared.transaction,
        signatures: { ...prepared.transaction.signatures, ...theirs },
      });
      const viaKit = await parseSignedTransaction(signed, fromWire(prepared.wire));
      const viaBytes = await parseSignedTransaction(signed, prepared.wire);
      if (viaKit.signature !== viaBytes.signature || viaKit.wire !== viaBytes.wire)
        throw new Error('checks differ');
      return { signed, wire: prepared.wire };
    }),
  );
}

console.log(`level NFT transactions, ${iterations} requests per path (CPU per call, process.cpuUsage)`);
await compare(
  'unlock: build',
  newRequests,
  async (r) => kitCompile(await unlockMessageBefore(r)),
  unlockBuildAfter,
);
await compare('unlock: build + prepare (signed)', newRequests, unlockBefore, unlockAfter);
await compare(
  'atomic upgrade: build',
  newRequests,
  async (r) => kitCompile(await upgradeMessageBefore(r)),
  upgradeBuildAfter,
);
await compare('atomic upgrade: build + prepare (signed)', newRequests, upgradeBefore, upgradeAfter);
await compare(
  'signed transaction check',
  signedRequests,
  (s) => parseSignedTransaction(s.signed, fromWire(s.wire)),
  (s) => parseSignedTransaction(s.signed, s.wire as never),
);
const { copied, built } = levelNftTemplates.stats();
console.log(`templates: ${copied} builds copied, ${built} built by kit`);
