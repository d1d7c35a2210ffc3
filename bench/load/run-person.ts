import type { ApiUser, ServerEndpoint } from '../../proof/helpers/api-user.ts';
import { callApi, type ApiResponse } from '../../proof/helpers/call-api.ts';
import type { Recorder } from './recorder.ts';

export interface LoadContext {
  endpoint: ServerEndpoint;
  people: ApiUser[];
  recorder: Recorder;
  /** Pause after each operation: a person reads, clicks, waits. */
  thinkMs: number;
  /** A person tries an unlock or upgrade at most this often (there are only five levels). */
  nftEveryMs: number;
  /** People of this step who have not been issued the badge yet. */
  unissued: string[];
  issue(userIds: string[]): Promise<void>;
}

let tradeSeq = 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Times `op`; a non-2xx answer or a thrown error counts as an error, named by its code. */
async function timed(recorder: Recorder, name: string, op: () => Promise<ApiResponse | undefined>) {
  const started = performance.now();
  try {
    const res = await op();
    const failed =
      res && res.status >= 400 ? `${res.status} ${res.body?.error?.code ?? ''}`.trim() : undefined;
    recorder.record(name, performance.now() - started, failed);
    return res;
  } catch (e) {
    recorder.record(name, performance.now() - started, (e as Error).name);
    return undefined;
  }
}

/**
 * Prepare, sign as the wallet, submit; the submit's answer (completed when confirmed). The two
 * server calls are also timed on their own (`unlock prepare`, `unlock submit`).
 */
async function signAndSubmit(recorder: Recorder, person: ApiUser, action: string): Promise<ApiResponse> {
  const prepared = await timed(recorder, `${action} prepare`, () =>
    person.call('POST', `/api/nft/${action}`),
  );
  if (!prepared) throw new Error(`${action} prepare failed`);
  if (prepared.status !== 200) return prepared;
  const signedTransaction = await person.sign(prepared.body);
  const submitted = await timed(recorder, `${action} submit`, () =>
    person.call('POST', `/api/nft/requests/${prepared.body.requestId}/submit`, { signedTransaction }),
  );
  if (!submitted) throw new Error(`${action} submit failed`);
  return submitted;
}

/** The platform reports a batch of 20 trades for people of this step. */
function ingestTrades(ctx: LoadContext) {
  const trades = Array.from({ length: 20 }, () => ({
    id: `load-${process.pid}-${++tradeSeq}`,
    userId: ctx.people[Math.floor(Math.random() * ctx.people.length)]!.id,
    volumeUsd: '250000',
    executedAt: new Date().toISOString(),
  }));
  return callApi(ctx.endpoint.url, 'POST', '/api/trades', {
    headers: { 'x-api-key': ctx.endpoint.ingestApiKey },
    body: { trades },
  });
}

/**
 * One person's session until `until`, with think time between operations, so that 4× the
 * people offer 4× the load: mostly status reads, the platform's trade batches (which raise
 * volumes), now and then the admin issuing the badge to three people, and every
 * `nftEveryMs` the person's own unlock or upgrade (prepare, sign, submit, confirmed).
 */
export async function runPerson(ctx: LoadContext, person: ApiUser, until: number): Promise<void> {
  const { recorder } = ctx;
  let nextNftAt = Date.now() + Math.random() * ctx.nftEveryMs;
  while (Date.now() < until) {
    if (Date.now() >= nextNftAt) {
      nextNftAt = Date.now() + ctx.nftEveryMs;
      const status = (await timed(recorder, 'status', () => person.call('GET', '/api/nft/status')))?.body;
      const action = status?.canUnlock ? 'unlock' : status?.canUpgrade ? 'upgrade' : undefined;
      if (action) await timed(recorder, action, () => signAndSubmit(recorder, person, action));
    } else {
      const roll = Math.random();
      if (roll < 0.7) {
        await timed(recorder, 'status', () => person.call('GET', '/api/nft/status'));
      } else if (roll < 0.97) {
        await timed(recorder, 'trades', () => ingestTrades(ctx));
      } else {
        const userIds = ctx.unissued.splice(0, 3);
        if (userIds.length > 0) {
          await timed(recorder, 'issuance', async () => {
            await ctx.issue(userIds);
            return undefined;
          });
        }
      }
    }
    await sleep(ctx.thinkMs);
  }
}
