import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createSolanaRpc, createSolanaRpcSubscriptions, generateKeyPairSigner, lamports } from '@solana/kit';
import { getTransferSolInstruction } from '@solana-program/system';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ChainStore, type WalEntry } from '../src/chain-store.ts';
import { Chain } from '../src/chain.ts';
import { FaultInjector } from '../src/fault-controller.ts';
import { silentLogger } from '../src/logger.ts';
import { rpcMethods } from '../src/rpc-methods/index.ts';
import { createRpcServer } from '../src/rpc-server.ts';
import { createSubscriptionServer } from '../src/ws-server.ts';
import { signedTransaction } from './support/rpc-helpers.ts';

const tempDirs: string[] = [];
const stores: ChainStore[] = [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A chain log whose syncs finish only when the test lets them: a disk as slow as it likes. */
class GatedStore extends ChainStore {
  private readonly waiting: (() => void)[] = [];

  protected override async syncFile(fd: number): Promise<void> {
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    await super.syncFile(fd);
  }

  /** Syncs started and not yet let through. */
  get syncsWaiting(): number {
    return this.waiting.length;
  }

  /** Lets every waiting sync go on to the disk. */
  letThrough(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }

  async untilSyncWaits(): Promise<void> {
    const deadline = Date.now() + 5_000;
    while (this.waiting.length === 0) {
      if (Date.now() > deadline) throw new Error('no sync of the chain log was asked for');
      await sleep(2);
    }
  }
}

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'insignia-wal-'));
  tempDirs.push(dir);
  return dir;
}

function openStore(): ChainStore {
  const store = new ChainStore(tempDir());
  stores.push(store);
  return store;
}

function openGatedStore(): GatedStore {
  const store = new GatedStore(tempDir());
  stores.push(store);
  return store;
}

function entry(seq: number): WalEntry {
  return {
    seq,
    slot: seq,
    timeMs: seq,
    accounts: [],
    record: {
      signature: `sig-${seq}`,
      slot: seq,
      blockTime: seq,
      transaction: '',
      err: null,
      fee: '5000',
      accountKeys: [],
      loadedAddresses: { writable: [], readonly: [] },
      preBalances: [],
      postBalances: [],
      preTokenBalances: [],
      postTokenBalances: [],
      logMessages: [],
      computeUnitsConsumed: '0',
      innerInstructions: [],
      returnData: null,
      memo: null,
    },
  };
}

afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the chain log (group commit)', () => {
  it('syncs a burst of appends a few times, not once each, and keeps every entry', async () => {
    const store = openStore();
    expect(store.whenDurable()).toBeNull(); // nothing to sync yet

    const waits: Promise<void>[] = [];
    for (let seq = 1; seq <= 50; seq++) {
      store.append(entry(seq));
      const durable = store.whenDurable();
      expect(durable).not.toBeNull(); // an unsynced entry is never reported durable
      waits.push(durable as Promise<void>);
    }
    await Promise.all(waits);

    expect(store.syncsMade).toBeGreaterThanOrEqual(1);
    expect(store.syncsMade).toBeLessThanOrEqual(2);
    expect(store.whenDurable()).toBeNull();
    expect(store.load().wal.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('syncs again for entries appended while a sync was in flight', async () => {
    const store = openGatedStore();
    store.append(entry(1));
    const first = store.whenDurable();
    await store.untilSyncWaits(); // the first sync has started, covering entry 1 only
    store.append(entry(2));
    const second = store.whenDurable();
    expect(second).not.toBeNull();
    store.letThrough();
    await first;
    expect(store.syncsMade).toBe(1);
    expect(store.whenDurable()).not.toBeNull(); // entry 2 is not on disk yet
    await store.untilSyncWaits();
    store.letThrough();
    await second;
    expect(store.syncsMade).toBe(2);
    expect(store.whenDurable()).toBeNull();
  });

  it('syncs what was appended when closed without a snapshot', () => {
    const store = new ChainStore(tempDir());
    store.append(entry(1));
    expect(store.whenDurable()).not.toBeNull();
    store.close();
    expect(store.whenDurable()).toBeNull();
    const reopened = new ChainStore(store.dir);
    stores.push(reopened);
    expect(reopened.load().wal.map((e) => e.seq)).toEqual([1]);
  });

  it('fails the waiters of a sync the disk refused, and syncs again for the next', async () => {
    class FailingOnceStore extends ChainStore {
      failures = 1;
      protected override async syncFile(fd: number): Promise<void> {
        if (this.failures-- > 0)
          throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
        await super.syncFile(fd);
      }
    }
    const store = new FailingOnceStore(tempDir());
    stores.push(store);
    store.append(entry(1));
    await expect(store.whenDurable()).rejects.toThrow('no space left on device');
    const retry = store.whenDurable(); // entry 1 is still not known to be on disk
    expect(retry).not.toBeNull();
    await retry;
    expect(store.syncsMade).toBe(1);
    expect(store.whenDurable()).toBeNull();
  });

  it('survives a snapshot that retires the log while a sync is still using it', async () => {
    const store = openGatedStore();
    store.append(entry(1));
    const inFlight = store.whenDurable();
    await store.untilSyncWaits(); // a sync holds the current log file
    store.writeSnapshot({
      meta: { version: 1, seed: '00', faucetSecret: '00', slot: 1, timeMs: 1 },
      lastSeq: 1,
      transactions: [],
      svm: new Uint8Array([1, 2, 3]),
    });
    expect(store.whenDurable()).toBeNull(); // the snapshot holds entry 1
    store.letThrough(); // the sync ends on the retired file, which is then closed
    await expect(inFlight).resolves.toBeUndefined();

    store.append(entry(2));
    const next = store.whenDurable();
    await store.untilSyncWaits();
    store.letThrough();
    await next;
    const { snapshot, wal } = store.load();
    expect(snapshot?.lastSeq).toBe(1);
    expect(wal.map((e) => e.seq)).toEqual([2]);
  });
});

describe('a persisted validator under concurrent sends', () => {
  it('answers no send before its transaction is synced, and syncs a burst together', async () => {
    const store = new GatedStore(tempDir());
    const chain = Chain.open({ slotMs: 400, blockhashValidSlots: 150, store, logger: silentLogger });
    const server = createRpcServer({
      ctx: { chain, faults: new FaultInjector(false), faucetMaxLamports: 10n ** 12n },
      methods: rpcMethods,
      faultControl: false,
      logger: silentLogger,
    });
    const subscriptionServer = createSubscriptionServer(chain);
    subscriptionServer.attachTo(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const rpc = createSolanaRpc(`http://127.0.0.1:${port}`);
    const subscriptions = createSolanaRpcSubscriptions(`ws://127.0.0.1:${port}`);
    const abort = new AbortController();
    try {
      const payer = await generateKeyPairSigner();
      const funding = rpc.requestAirdrop(payer.address, lamports(10_000_000_000n)).send();
      await store.untilSyncWaits();
      store.letThrough();
      await funding;

      const recipients = await Promise.all(Array.from({ length: 24 }, () => generateKeyPairSigner()));
      const { value: lifetime } = await rpc.getLatestBlockhash().send();
      const wires = await Promise.all(
        recipients.map(async (recipient) => {
          const instruction = getTransferSolInstruction({
            source: payer,
            destination: recipient.address,
            amount: 1_000_000n,
          });
          return (await signedTransaction(rpc, payer, [instruction], lifetime)).wire;
        }),
      );
      let notified = 0;
      const changes = await subscriptions
        .accountNotifications(recipients[0]!.address, { encoding: 'base64' })
        .subscribe({ abortSignal: abort.signal });
      const notification = (async () => {
        for await (const change of changes) {
          notified++;
          return change.value.lamports;
        }
      })();
      let answered = 0;
      const sends = wires.map((wire) =>
        rpc
          .sendTransaction(wire, { encoding: 'base64' })
          .send()
          .then((signature) => {
            answered++;
            return signature;
          }),
      );
      // All 24 are executed; none is answered while the log is not on disk.
      await store.untilSyncWaits();
      await sleep(100);
      expect(answered).toBe(0);
      expect(notified).toBe(0); // nor is a subscriber told of it
      const syncsBefore = store.syncsMade;
      while (answered < sends.length) {
        store.letThrough();
        await sleep(5);
      }
      const signatures = await Promise.all(sends);
      expect(store.syncsMade - syncsBefore).toBeLessThan(sends.length / 4); // grouped, not one each
      expect(await notification).toBe(1_000_000n);

      const { value: statuses } = await rpc.getSignatureStatuses(signatures).send();
      expect(statuses.every((status) => status?.err === null)).toBe(true);
      const logged = store.load().wal.map((e) => e.record.signature);
      expect(logged).toEqual(expect.arrayContaining(signatures));
    } finally {
      abort.abort();
      await subscriptionServer.close();
      server.closeAllConnections(); // sends a failed assertion left waiting for a sync
      await new Promise((resolve) => server.close(resolve));
      chain.close();
    }
  });
});
