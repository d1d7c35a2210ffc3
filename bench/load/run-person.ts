import type { ApiUser, ServerEndpoint } from '../../proof/helpers/api-user.ts';
import { callApi, type ApiResponse } from '../../proof/helpers/call-api.ts';
import type { Recorder } from './recorder.ts';

export interface LoadContext {
  endpoint: ServerEndpoint;
  people: ApiUser[];
  recorder: Recorder;
  /** People of this step who have not been issued the badge yet. */
  unissued: string[];
  issue(userIds: string[]): Promise<void>;
}

let tradeSeq = 0;

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

/** Prepare, sign as the wallet, submit; the submit's answer (completed when confirmed). */
async function signAndSubmit(person: ApiUser, path: string): Promise<ApiResponse> {
  const prepared = await person.call('POST', path);
  if (prepared.status !== 200) return prepared;
  return person.call('POST', `/api/nft/requests/${prepared.body.requestId}/submit`, {
    signedTransaction: await person.sign(prepared.body),
  });
}

/**
 * One person's session until `until`, back to back (a closed loop): mostly status reads, then
 * the platform's trade batches (which raise volumes), their own unlock and upgrade once they
 * qualify, and now and then the admin issuing the badge to three people.
 */
export async function runPerson(ctx: LoadContext, person: ApiUser, until: number): Promise<void> {
  const { recorder } = ctx;
  let level = 0;
  while (Date.now() < until) {
    const roll = Math.random();
    if (roll < 0.55) {
      await timed(recorder, 'status', () => person.call('GET', '/api/nft/status'));
    } else if (roll < 0.8) {
      const trades = Array.from({ length: 20 }, () => ({
        id: `load-${process.pid}-${++tradeSeq}`,
        userId: ctx.people[Math.floor(Math.random() * ctx.people.length)]!.id,
        volumeUsd: '100000',
        executedAt: new Date().toISOString(),
      }));
      await timed(recorder, 'trades', () =>
        callApi(ctx.endpoint.url, 'POST', '/api/trades', {
          headers: { 'x-api-key': ctx.endpoint.ingestApiKey },
          body: { trades },
        }),
      );
    } else if (roll < 0.95) {
      const status = (await person.call('GET', '/api/nft/status')).body;
      const action = level === 0 && status?.canUnlock ? 'unlock' : status?.canUpgrade ? 'upgrade' : undefined;
      if (!action) {
        await timed(recorder, 'status', () => person.call('GET', '/api/nft/status'));
        continue;
      }
      const res = await timed(recorder, action, () => signAndSubmit(person, `/api/nft/${action}`));
      if (res?.status === 200 && res.body.status === 'completed') level = res.body.toLevel;
    } else {
      const userIds = ctx.unissued.splice(0, 3);
      if (userIds.length === 0) continue;
      await timed(recorder, 'issuance', async () => {
        await ctx.issue(userIds);
        return undefined;
      });
    }
  }
}
