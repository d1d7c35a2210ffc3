import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Chain } from './chain.ts';
import { ChainStore } from './chain-store.ts';
import { FaultInjector, type FaultController } from './fault-controller.ts';
import { silentLogger, type Logger } from './logger.ts';
import { rpcMethods } from './rpc-methods/index.ts';
import { createRpcServer } from './rpc-server.ts';
import { createSubscriptionServer } from './ws-server.ts';

/** Options of {@link startLocalValidator}. */
export interface LocalValidatorOptions {
  /** Interface to listen on. Default `127.0.0.1`. */
  readonly host?: string;
  /** HTTP port; WebSocket subscriptions use port + 1. Default 8899; 0 picks free ports. */
  readonly port?: number;
  /** Directory to persist the chain in; null (default) keeps it in memory only. */
  readonly dataDir?: string | null;
  /** Slot duration in ms. Default 400. */
  readonly slotMs?: number;
  /** Slots a blockhash stays valid for. Default 150. */
  readonly blockhashValidSlots?: number;
  /** requestAirdrop limit per call. Default 100 SOL. */
  readonly faucet?: { readonly maxLamports?: number | bigint };
  /**
   * Enables `faults.set` and the `/__faults` and `/__faults/advance-slots` HTTP routes (tests
   * only). Default false; a server turns it on for the validator it embeds with its
   * `SOLANA_LOCAL_FAULT_CONTROL` setting.
   */
  readonly enableFaultControl?: boolean;
  readonly logger?: Logger;
}

/** A running local validator. */
export interface LocalValidator {
  /** `http://host:port`, the JSON-RPC endpoint. */
  readonly url: string;
  /** `ws://host:port+1`, the subscription endpoint (also accepted on the HTTP port). */
  readonly wsUrl?: string;
  readonly faults: FaultController;
  /**
   * Moves slot and block height `slots` ahead at once, as if that much time had passed: every
   * blockhash older than the validity window expires now (tests). Returns the new slot.
   */
  advanceSlots(slots: number): number;
  /** Funds `address` from the faucet (no per-call limit); resolves to the transaction signature. */
  airdrop(address: string, lamports: number | bigint): Promise<string>;
  /** Stops serving, writes a final snapshot and releases the data directory. */
  close(): Promise<void>;
}

const DEFAULT_FAUCET_MAX_LAMPORTS = 100n * 1_000_000_000n;

/** Starts a Solana JSON-RPC server over LiteSVM. */
export async function startLocalValidator(options: LocalValidatorOptions = {}): Promise<LocalValidator> {
  const host = options.host ?? '127.0.0.1';
  const slotMs = options.slotMs ?? 400;
  const blockhashValidSlots = options.blockhashValidSlots ?? 150;
  if (!(slotMs > 0)) throw new Error('slotMs must be positive');
  if (!Number.isInteger(blockhashValidSlots) || blockhashValidSlots < 1)
    throw new Error('blockhashValidSlots must be a positive integer');
  const logger = options.logger ?? silentLogger;
  const store = options.dataDir ? new ChainStore(options.dataDir) : null;
  let chain: Chain;
  try {
    chain = Chain.open({ slotMs, blockhashValidSlots, store, logger });
  } catch (error) {
    store?.close(); // release the directory lock
    throw error;
  }
  const faults = new FaultInjector(options.enableFaultControl ?? false);
  const ctx = {
    chain,
    faults,
    faucetMaxLamports: BigInt(options.faucet?.maxLamports ?? DEFAULT_FAUCET_MAX_LAMPORTS),
  };
  const rpcServer = createRpcServer({ ctx, methods: rpcMethods, faultControl: faults.enabled, logger });
  const subscriptions = createSubscriptionServer(chain);
  subscriptions.attachTo(rpcServer);
  const wsServer = subscriptions.createStandaloneServer();
  let ports: { rpc: number; ws: number | null };
  try {
    ports = await bindPorts(rpcServer, wsServer, host, options.port ?? 8899, logger);
  } catch (error) {
    chain.close();
    throw error;
  }
  // The clock is derived from wall time; the timer only makes slot notifications arrive on time.
  const timer = setInterval(() => chain.sync(), slotMs);
  timer.unref();
  const urlHost = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  const hostPart = urlHost.includes(':') ? `[${urlHost}]` : urlHost;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${hostPart}:${ports.rpc}`,
    wsUrl: `ws://${hostPart}:${ports.ws ?? ports.rpc}`,
    faults,
    advanceSlots: (slots) => chain.advanceSlots(slots),
    // Async like a real validator's airdrop; a bad address or amount rejects rather than throws.
    airdrop: async (address, lamports) => {
      const signature = chain.airdrop(address, BigInt(lamports));
      await chain.whenDurable();
      return signature;
    },
    close: () =>
      (closing ??= (async () => {
        clearInterval(timer);
        await subscriptions.close();
        await Promise.all([closeServer(wsServer), closeServer(rpcServer)]);
        chain.close();
      })()),
  };
}

/** Binds the RPC port and, on port + 1, the WebSocket port (web3.js derives it that way). */
async function bindPorts(rpc: http.Server, ws: http.Server, host: string, port: number, logger: Logger) {
  if (port !== 0) {
    const rpcPort = await listen(rpc, port, host);
    try {
      return { rpc: rpcPort, ws: await listen(ws, rpcPort + 1, host) };
    } catch (error) {
      logger.warn(
        `local validator: WebSocket port ${rpcPort + 1} unavailable (${(error as Error).message}); subscriptions served on ${rpcPort}`,
      );
      return { rpc: rpcPort, ws: null };
    }
  }
  for (let attempt = 0; attempt < 20; attempt++) {
    const rpcPort = await listen(rpc, 0, host);
    try {
      return { rpc: rpcPort, ws: await listen(ws, rpcPort + 1, host) };
    } catch {
      await closeServer(rpc); // port + 1 is taken: try another pair
    }
  }
  return { rpc: await listen(rpc, 0, host), ws: null };
}

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: http.Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
