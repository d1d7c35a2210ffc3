import type { RpcTransport } from '@solana/kit';

/** Reads that may share one HTTP exchange: none changes anything, each answers on its own. */
export const BATCHED_METHODS: ReadonlySet<string> = new Set([
  'getBalance',
  'getBlockHeight',
  'getLatestBlockhash',
  'getAccountInfo',
  'getMultipleAccounts',
  'getMinimumBalanceForRentExemption',
]);

interface JsonRpcMessage {
  id: unknown;
  method: string;
}

interface Waiting {
  payload: JsonRpcMessage;
  resolve: (response: unknown) => void;
  reject: (reason: unknown) => void;
}

const isBatchable = (payload: unknown): payload is JsonRpcMessage =>
  typeof payload === 'object' &&
  payload !== null &&
  !Array.isArray(payload) &&
  BATCHED_METHODS.has(String((payload as { method?: unknown }).method));

/**
 * Read calls made in the same tick (a prepare asks for the blockhash, the block height and the
 * wallet's balance at once) go out as one JSON-RPC batch: one HTTP exchange instead of three,
 * and each exchange costs the server more CPU than the call's own work. A call with its own
 * abort signal, a write, or a lone call goes out as it came. A batch that fails as a whole
 * (after `inner`'s retries and failover) fails every call in it, as each would have failed.
 */
export function createBatchingTransport(inner: RpcTransport): RpcTransport {
  let waiting: Waiting[] = [];

  async function flush(): Promise<void> {
    const batch = waiting;
    waiting = [];
    if (batch.length === 1) {
      const [only] = batch as [Waiting];
      inner({ payload: only.payload }).then(only.resolve, only.reject);
      return;
    }
    try {
      // Our own ids inside the batch (strings: numbers come back as bigints): the answers are
      // matched by them, not by order.
      const responses = await inner<unknown>({
        payload: batch.map((w, i) => ({ ...w.payload, id: String(i) })),
      });
      if (!Array.isArray(responses))
        throw new Error('the RPC endpoint answered a batch with a single response');
      const byId = new Map<unknown, object>();
      for (const r of responses as unknown[])
        if (typeof r === 'object' && r !== null) byId.set((r as { id?: unknown }).id, r);
      batch.forEach((w, i) => {
        const response = byId.get(String(i));
        if (response) w.resolve({ ...response, id: w.payload.id });
        else w.reject(new Error(`the RPC endpoint left ${w.payload.method} out of a batch answer`));
      });
    } catch (e) {
      for (const w of batch) w.reject(e);
    }
  }

  return <TResponse>({ payload, signal }: { payload: unknown; signal?: AbortSignal }) => {
    if (signal || !isBatchable(payload)) return inner<TResponse>({ payload, ...(signal ? { signal } : {}) });
    return new Promise<TResponse>((resolve, reject) => {
      if (waiting.length === 0) queueMicrotask(() => void flush());
      waiting.push({ payload, resolve: resolve as (r: unknown) => void, reject });
    });
  };
}
