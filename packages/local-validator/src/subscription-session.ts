import type { RawData, WebSocket } from 'ws';
import { accountEncodingOf, encodeAccount, type AccountEncoding } from './account-encoding.ts';
import { parseAccountFilters, type AccountFilter } from './account-filters.ts';
import { SYSTEM_PROGRAM, type AccountSnapshot } from './account-snapshot.ts';
import { stringifyJson } from './bigint-json.ts';
import type { Chain } from './chain.ts';
import type { TransactionEvent } from './chain-events.ts';
import { errorResponse, resultResponse, RpcError, RpcErrorCode } from './json-rpc.ts';
import { addressParam, signatureValue } from './rpc-methods/params.ts';

/** A frame's text: ws hands over one Buffer, an ArrayBuffer, or fragments. */
function rawDataText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (data instanceof ArrayBuffer ? Buffer.from(data) : data).toString('utf8');
}

type Subscription =
  | { readonly kind: 'signature'; readonly signature: string }
  | { readonly kind: 'slot' }
  | { readonly kind: 'root' }
  | { readonly kind: 'account'; readonly address: string; readonly encoding: AccountEncoding }
  | {
      readonly kind: 'program';
      readonly programId: string;
      readonly encoding: AccountEncoding;
      readonly filters: AccountFilter[];
    }
  | { readonly kind: 'logs'; readonly mention: string | null };

const KINDS = new Set(['signature', 'slot', 'root', 'account', 'program', 'logs']);
let nextSubscriptionId = 0;

/** One WebSocket client and its subscriptions (signature, slot, root, account, program, logs). */
export class SubscriptionSession {
  private readonly subscriptions = new Map<number, Subscription>();
  private readonly detach: (() => void)[];
  /** The last message still waiting for the chain's log to reach the disk. */
  private queued: Promise<void> | null = null;

  constructor(
    private readonly socket: WebSocket,
    private readonly chain: Chain,
  ) {
    this.detach = [
      chain.events.onSlot((slot) => this.onSlot(slot)),
      chain.events.onTransaction((event) => this.onTransaction(event)),
    ];
    socket.on('message', (data) => this.onMessage(rawDataText(data)));
    socket.on('close', () => this.detach.forEach((off) => off()));
  }

  private onMessage(text: string): void {
    let request: unknown;
    try {
      request = JSON.parse(text);
    } catch {
      this.send(errorResponse(null, RpcErrorCode.ParseError, 'Parse error'));
      return;
    }
    if (typeof request !== 'object' || request === null || !('id' in request)) return; // notifications (kit's "ping")
    const id = typeof request.id === 'number' || typeof request.id === 'string' ? request.id : null;
    const method = 'method' in request && typeof request.method === 'string' ? request.method : '';
    const params: unknown[] = 'params' in request && Array.isArray(request.params) ? request.params : [];
    const match = /^(\w+?)(Subscribe|Unsubscribe)$/.exec(method);
    if (match === null || !KINDS.has(match[1] ?? '')) {
      this.send(errorResponse(id, RpcErrorCode.MethodNotFound, 'Method not found'));
      return;
    }
    try {
      if (match[2] === 'Unsubscribe') {
        this.send(resultResponse(id, this.subscriptions.delete(Number(params[0]))));
        return;
      }
      const subscription = this.parse(match[1] ?? '', params);
      const subscriptionId = nextSubscriptionId++;
      this.subscriptions.set(subscriptionId, subscription);
      this.send(resultResponse(id, subscriptionId));
      if (subscription.kind === 'signature') {
        const record = this.chain.getTransaction(subscription.signature);
        if (record !== undefined) this.notifySignature(subscriptionId, record.slot, record.err);
      }
    } catch (error) {
      const rpc =
        error instanceof RpcError
          ? error
          : new RpcError(RpcErrorCode.InvalidParams, `Invalid params: ${(error as Error).message}`);
      this.send(errorResponse(id, rpc.code, rpc.message, rpc.data));
    }
  }

  private parse(kind: string, params: unknown[]): Subscription {
    const config = (params[1] ?? {}) as Record<string, unknown>;
    switch (kind) {
      case 'signature':
        return { kind, signature: signatureValue(params[0]) };
      case 'account':
        return { kind, address: addressParam(params, 0), encoding: accountEncodingOf(config) };
      case 'program':
        return {
          kind,
          programId: addressParam(params, 0),
          encoding: accountEncodingOf(config),
          filters: parseAccountFilters(config.filters),
        };
      case 'logs': {
        const filter = params[0];
        if (filter === 'all' || filter === 'allWithVotes') return { kind, mention: null };
        const mentions = (filter as { mentions?: unknown[] } | undefined)?.mentions;
        if (!Array.isArray(mentions) || mentions.length !== 1)
          throw new Error('logs filter must be "all" or { mentions: [address] }');
        return { kind, mention: addressParam(mentions, 0) };
      }
      default:
        return { kind: kind as 'slot' | 'root' };
    }
  }

  private onSlot(slot: number): void {
    for (const [id, sub] of this.subscriptions) {
      if (sub.kind === 'slot')
        this.notify('slotNotification', id, { parent: Math.max(0, slot - 1), root: slot, slot });
      if (sub.kind === 'root') this.notify('rootNotification', id, slot);
    }
  }

  private onTransaction({ record, accounts }: TransactionEvent): void {
    const context = { slot: record.slot };
    for (const [id, sub] of this.subscriptions) {
      if (sub.kind === 'signature' && sub.signature === record.signature)
        this.notifySignature(id, record.slot, record.err);
      if (sub.kind === 'logs' && (sub.mention === null || record.accountKeys.includes(sub.mention))) {
        this.notify('logsNotification', id, {
          context,
          value: { signature: record.signature, err: record.err, logs: record.logMessages },
        });
      }
      if (sub.kind === 'account' && accounts.has(sub.address)) {
        const account = accounts.get(sub.address) ?? null;
        this.notify('accountNotification', id, {
          context,
          value: this.encode(sub.address, account, sub.encoding),
        });
      }
      if (sub.kind === 'program') {
        for (const [address, account] of accounts) {
          if (
            account === null ||
            account.owner !== sub.programId ||
            !sub.filters.every((f) => f(account.owner, account.data))
          )
            continue;
          this.notify('programNotification', id, {
            context,
            value: { pubkey: address, account: this.encode(address, account, sub.encoding) },
          });
        }
      }
    }
  }

  private notifySignature(id: number, slot: number, err: unknown): void {
    this.subscriptions.delete(id); // signature subscriptions end after their notification
    this.notify('signatureNotification', id, { context: { slot }, value: { err } });
  }

  private encode(address: string, account: AccountSnapshot | null, encoding: AccountEncoding): unknown {
    // A deleted account is reported as an empty system account, as validators do.
    const state = account ?? {
      address,
      lamports: 0n,
      owner: SYSTEM_PROGRAM,
      executable: false,
      data: new Uint8Array(0),
    };
    try {
      return encodeAccount(state, encoding, (mint) => this.chain.decimalsOf(mint));
    } catch {
      return encodeAccount(state, 'base64', (mint) => this.chain.decimalsOf(mint)); // base58 refuses large data
    }
  }

  private notify(method: string, subscription: number, result: unknown): void {
    this.send({ jsonrpc: '2.0', method, params: { result, subscription } });
  }

  private send(message: unknown): void {
    const text = stringifyJson(message);
    const durable = this.chain.whenDurable();
    if (durable === null && this.queued === null) {
      this.sendNow(text);
      return;
    }
    // Behind the messages already waiting, so that the client hears them in order.
    const queued = (this.queued ?? Promise.resolve()).then(() => durable).then(() => this.sendNow(text));
    this.queued = queued;
    queued.then(
      () => {
        if (this.queued === queued) this.queued = null;
      },
      () => this.socket.terminate(), // the log could not be synced: better no answer than an unsafe one
    );
  }

  private sendNow(text: string): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(text);
  }
}
