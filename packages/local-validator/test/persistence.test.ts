import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createSolanaRpc, generateKeyPairSigner, lamports, type Address } from '@solana/kit';
import { getAddMemoInstruction } from '@solana-program/memo';
import { getTransferSolInstruction } from '@solana-program/system';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalValidator } from '../src/index.ts';
import { rawRpc, sendAndConfirm, signedTransaction } from './support/rpc-helpers.ts';
import { levelMintInstructions } from './support/token-mint.ts';

const SOL = 1_000_000_000n;
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const childScript = fileURLToPath(new URL('./support/validator-process.ts', import.meta.url));
const tempDirs: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'insignia-chain-'));
  tempDirs.push(dir);
  return dir;
}

async function spawnValidator(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript], {
    cwd: repoRoot,
    env: { ...process.env, CHAIN_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`validator process exited with ${code}`)));
  });
  return { child, url: (JSON.parse(first) as { url: string }).url };
}

afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('persistence', () => {
  it('keeps accounts, transactions, slot and recent blockhashes across close and restart', async () => {
    const dataDir = tempDir();
    const first = await startLocalValidator({ port: 0, dataDir });
    let rpc = createSolanaRpc(first.url);
    const payer = await generateKeyPairSigner();
    const mint = await generateKeyPairSigner();
    const owner: Address = (await generateKeyPairSigner()).address;
    await first.airdrop(payer.address, 2n * SOL);
    const built = await levelMintInstructions({
      payer,
      mint,
      owner,
      name: 'Level 2',
      symbol: 'LVL',
      uri: 'ipfs://l2',
      rentFor: (space) => rpc.getMinimumBalanceForRentExemption(BigInt(space)).send(),
    });
    const mintSignature = await sendAndConfirm(rpc, payer, built.instructions);
    const { wire: replay } = await signedTransaction(rpc, payer, [
      getTransferSolInstruction({ source: payer, destination: owner, amount: SOL / 10n }),
    ]);
    const transferSignature = await rpc.sendTransaction(replay, { encoding: 'base64' }).send();
    const balance = (await rpc.getBalance(payer.address).send()).value;
    const { context, value: lifetime } = await rpc.getLatestBlockhash().send();
    await first.close();

    const second = await startLocalValidator({ port: 0, dataDir });
    // One writer per directory: a second validator on the same data is refused.
    await expect(startLocalValidator({ port: 0, dataDir })).rejects.toThrow(/in use/);
    rpc = createSolanaRpc(second.url);
    try {
      expect((await rpc.getBalance(payer.address).send()).value).toBe(balance);
      expect((await rpc.getBalance(owner).send()).value).toBe(SOL / 10n);
      expect(
        (await rpc.getTokenAccountsByOwner(owner, { mint: mint.address }, { encoding: 'jsonParsed' }).send())
          .value[0]?.account.data.parsed.info.tokenAmount.amount,
      ).toBe('1');
      const tx = await rpc
        .getTransaction(mintSignature, { encoding: 'json', maxSupportedTransactionVersion: 0 })
        .send();
      expect(tx?.meta?.err).toBeNull();
      const statuses = await rpc
        .getSignatureStatuses([mintSignature, transferSignature], { searchTransactionHistory: true })
        .send();
      expect(statuses.value.map((s) => s?.confirmationStatus)).toEqual(['finalized', 'finalized']);
      expect(await rpc.getSlot().send()).toBeGreaterThan(context.slot);
      // A blockhash handed out before the restart is still usable, and old transactions stay processed.
      expect((await rpc.isBlockhashValid(lifetime.blockhash).send()).value).toBe(true);
      const duplicate = await rawRpc(second.url, {
        jsonrpc: '2.0',
        id: 1,
        method: 'sendTransaction',
        params: [replay, { encoding: 'base64' }],
      });
      expect(duplicate.body.error.data.err).toBe('AlreadyProcessed');
      await sendAndConfirm(rpc, payer, [getAddMemoInstruction({ memo: 'after restart' })]);
    } finally {
      await second.close();
    }
  });

  it('survives kill -9 of a validator process, ignoring a torn log tail', async () => {
    const dataDir = tempDir();
    const { child, url } = await spawnValidator(dataDir);
    const rpc = createSolanaRpc(url);
    const payer = await generateKeyPairSigner();
    const recipient = await generateKeyPairSigner();
    let signature;
    let lifetime;
    try {
      const airdrop = await rpc.requestAirdrop(payer.address, lamports(SOL)).send();
      expect(airdrop).toBeTypeOf('string');
      signature = await sendAndConfirm(rpc, payer, [
        getTransferSolInstruction({ source: payer, destination: recipient.address, amount: SOL / 4n }),
      ]);
      lifetime = (await rpc.getLatestBlockhash().send()).value;
      await expect(startLocalValidator({ port: 0, dataDir })).rejects.toThrow(
        /in use by another local validator \(pid/,
      );
      // The test-only control route drives the child's faults over HTTP.
      await fetch(`${url}/__faults`, {
        method: 'POST',
        body: JSON.stringify({ mode: 'rateLimit', count: 1 }),
      });
      expect((await rawRpc(url, { jsonrpc: '2.0', id: 1, method: 'getSlot' })).status).toBe(429);
    } finally {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    fs.appendFileSync(path.join(dataDir, 'wal.jsonl'), '{"seq":999,"slot":'); // as if killed mid-write

    const restarted = await startLocalValidator({ port: 0, dataDir });
    const after = createSolanaRpc(restarted.url);
    try {
      expect((await after.getBalance(recipient.address).send()).value).toBe(SOL / 4n);
      expect((await after.getBalance(payer.address).send()).value).toBe(SOL - SOL / 4n - 5000n);
      expect(
        (
          await after
            .getTransaction(signature, { encoding: 'base64', maxSupportedTransactionVersion: 0 })
            .send()
        )?.slot,
      ).toBeTypeOf('bigint');
      expect((await after.isBlockhashValid(lifetime.blockhash).send()).value).toBe(true);
      await sendAndConfirm(after, payer, [
        getTransferSolInstruction({ source: payer, destination: recipient.address, amount: 1n }),
      ]);
    } finally {
      await restarted.close();
    }
    // The restarted chain keeps working across a second restart (the torn tail was compacted away).
    const third = await startLocalValidator({ port: 0, dataDir });
    try {
      expect((await createSolanaRpc(third.url).getBalance(recipient.address).send()).value).toBe(
        SOL / 4n + 1n,
      );
    } finally {
      await third.close();
    }
  });
});
