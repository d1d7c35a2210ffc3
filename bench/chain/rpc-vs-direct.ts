/**
 * Token-2022 level-NFT mints per second (one transaction: create mint + MetadataPointer +
 * TokenMetadata, create ATA, mintTo 1) sent through the local validator's JSON-RPC server over
 * HTTP, versus calling LiteSVM directly in-process.
 *
 * Two figures for each path:
 *   end to end   - build + sign + submit each mint (what an application sees)
 *   submit only  - transactions pre-signed, only the submission is timed (the RPC layer's cost)
 *
 *   npx tsx bench/chain/rpc-vs-direct.ts            (BENCH_MINTS=300 by default)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  appendTransactionMessageInstructions,
  createSolanaRpc,
  createTransactionMessage,
  generateKeyPairSigner,
  getBase64EncodedWireTransaction,
  lamports,
  pipe,
  setTransactionMessageFeePayerSigner,
  setTransactionMessageLifetimeUsingBlockhash,
  signTransactionMessageWithSigners,
  type Base64EncodedWireTransaction,
  type Blockhash,
  type Signature,
  type TransactionSigner,
} from '@solana/kit';
import { LiteSVM, TransactionMetadata } from 'litesvm';
import { startLocalValidator } from '../../packages/local-validator/src/index.ts';
import { levelMintInstructions } from '../../packages/local-validator/test/support/token-mint.ts';

const MINTS = Number(process.env.BENCH_MINTS ?? 300);
const IN_FLIGHT = 16;
const SOL = 1_000_000_000n;

type Lifetime = { blockhash: Blockhash; lastValidBlockHeight: bigint };
type RentFor = (space: number) => bigint | Promise<bigint>;

async function signMint(payer: TransactionSigner, lifetime: Lifetime, rentFor: RentFor) {
  const mint = await generateKeyPairSigner();
  const owner = (await generateKeyPairSigner()).address;
  const { instructions } = await levelMintInstructions({
    payer,
    mint,
    owner,
    name: 'Level 1',
    symbol: 'LVL',
    uri: 'ipfs://bench',
    rentFor,
  });
  return signTransactionMessageWithSigners(
    pipe(
      createTransactionMessage({ version: 0 }),
      (m) => setTransactionMessageFeePayerSigner(payer, m),
      (m) => setTransactionMessageLifetimeUsingBlockhash(lifetime, m),
      (m) => appendTransactionMessageInstructions(instructions, m),
    ),
  );
}

function rate(count: number, startMs: number): number {
  return count / ((performance.now() - startMs) / 1000);
}

/** Runs `task(i)` for i in [0, count) with at most `inFlight` at a time. */
async function pool(count: number, inFlight: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}

async function direct(): Promise<{ endToEnd: number; submitOnly: number }> {
  const svm = new LiteSVM();
  const payer = await generateKeyPairSigner();
  svm.airdrop(payer.address, lamports(1000n * SOL));
  const rentFor = (space: number) => svm.minimumBalanceForRentExemption(BigInt(space));
  const lifetime = { blockhash: svm.latestBlockhash(), lastValidBlockHeight: 0n };
  const check = (result: ReturnType<LiteSVM['sendTransaction']>) => {
    if (!(result instanceof TransactionMetadata)) throw new Error(`direct mint failed: ${result.toString()}`);
  };
  let start = performance.now();
  for (let i = 0; i < MINTS; i++) check(svm.sendTransaction(await signMint(payer, lifetime, rentFor)));
  const endToEnd = rate(MINTS, start);
  const signed = [];
  for (let i = 0; i < MINTS; i++) signed.push(await signMint(payer, lifetime, rentFor));
  start = performance.now();
  for (const tx of signed) check(svm.sendTransaction(tx));
  return { endToEnd, submitOnly: rate(MINTS, start) };
}

async function viaRpc(
  dataDir: string | null,
): Promise<{ endToEnd: number; submitOnly: number; submitInFlight: number }> {
  const validator = await startLocalValidator({ port: 0, dataDir });
  try {
    const rpc = createSolanaRpc(validator.url);
    const payer = await generateKeyPairSigner();
    await validator.airdrop(payer.address, 1000n * SOL);
    // Rent is asked once per size over RPC, then cached, as a real client would.
    const rentCache = new Map<number, Promise<bigint>>();
    const rentFor = (space: number) => {
      let rent = rentCache.get(space);
      if (rent === undefined)
        rentCache.set(space, (rent = rpc.getMinimumBalanceForRentExemption(BigInt(space)).send()));
      return rent;
    };
    const signatures: Signature[] = [];
    const send = async (wire: Base64EncodedWireTransaction) => {
      signatures.push(await rpc.sendTransaction(wire, { encoding: 'base64' }).send());
    };
    const presign = async () => {
      const lifetime = (await rpc.getLatestBlockhash().send()).value;
      const wires: Base64EncodedWireTransaction[] = [];
      for (let i = 0; i < MINTS; i++)
        wires.push(getBase64EncodedWireTransaction(await signMint(payer, lifetime, rentFor)));
      return wires;
    };

    let lifetime: Lifetime = (await rpc.getLatestBlockhash().send()).value;
    let start = performance.now();
    for (let i = 0; i < MINTS; i++) {
      if (i % 100 === 0) lifetime = (await rpc.getLatestBlockhash().send()).value;
      await send(getBase64EncodedWireTransaction(await signMint(payer, lifetime, rentFor)));
    }
    const endToEnd = rate(MINTS, start);

    let wires = await presign();
    start = performance.now();
    for (const wire of wires) await send(wire);
    const submitOnly = rate(MINTS, start);

    wires = await presign();
    start = performance.now();
    await pool(MINTS, IN_FLIGHT, (i) => send(wires[i]!));
    const submitInFlight = rate(MINTS, start);

    for (let i = 0; i < signatures.length; i += 256) {
      const { value } = await rpc.getSignatureStatuses(signatures.slice(i, i + 256)).send();
      if (value.some((s) => s === null || s.err !== null)) throw new Error('a mint did not land');
    }
    return { endToEnd, submitOnly, submitInFlight };
  } finally {
    await validator.close();
  }
}

const fmt = (value: number) => value.toFixed(0).padStart(6);
const ratio = (value: number, base: number) => `(x${(value / base).toFixed(2)} of direct)`;

const directRates = await direct();
const memory = await viaRpc(null);
const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'insignia-bench-chain-'));
let persisted: Awaited<ReturnType<typeof viaRpc>>;
try {
  persisted = await viaRpc(tempDir);
} finally {
  fs.rmSync(tempDir, { recursive: true, force: true });
}

console.log(
  `Token-2022 level-NFT mints (create mint + metadata pointer/metadata + ATA + mintTo 1), ${MINTS} per run, mints/s`,
);
console.log('                                         end to end       submit only (pre-signed)');
console.log(
  `LiteSVM direct, in-process                 ${fmt(directRates.endToEnd)}             ${fmt(directRates.submitOnly)}`,
);
console.log(
  `RPC over HTTP, in memory, sequential       ${fmt(memory.endToEnd)} ${ratio(memory.endToEnd, directRates.endToEnd)}  ${fmt(memory.submitOnly)} ${ratio(memory.submitOnly, directRates.submitOnly)}`,
);
console.log(
  `RPC over HTTP, in memory, ${IN_FLIGHT} in flight                              ${fmt(memory.submitInFlight)} ${ratio(memory.submitInFlight, directRates.submitOnly)}`,
);
console.log(
  `RPC over HTTP, persisted, sequential       ${fmt(persisted.endToEnd)} ${ratio(persisted.endToEnd, directRates.endToEnd)}  ${fmt(persisted.submitOnly)} ${ratio(persisted.submitOnly, directRates.submitOnly)}`,
);
console.log(
  `RPC over HTTP, persisted, ${IN_FLIGHT} in flight                              ${fmt(persisted.submitInFlight)} ${ratio(persisted.submitInFlight, directRates.submitOnly)}`,
);
