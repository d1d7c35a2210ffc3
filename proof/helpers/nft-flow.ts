import type { ApiUser } from './api-user.ts';

/** The three ways a level NFT changes hands: first mint, atomic burn-and-mint, two-step upgrade. */
export type NftFlow = 'unlock' | 'atomic' | 'two_step';

/** What a person's client knows about their request so far (kept across a server crash). */
export interface FlowProgress {
  requestId?: string;
  signedTransaction?: string;
}

export const userWaitingStatuses = ['awaiting_signature', 'awaiting_burn_signature'];
export const terminalStatuses = ['completed', 'failed', 'expired', 'needs_compensation', 'compensated'];

const pathOf = (flow: NftFlow) => (flow === 'unlock' ? '/api/nft/unlock' : '/api/nft/upgrade');

/**
 * Prepares, signs and submits as the Personal Center does, recording progress as it goes.
 * Throws whatever the HTTP call throws (a killed server: a network error).
 */
export async function prepareSignSubmit(
  user: ApiUser,
  flow: NftFlow,
  progress: FlowProgress = {},
  beforeSubmit?: () => void,
) {
  const prepared = await user.call('POST', pathOf(flow));
  if (prepared.status !== 200) throw new Error(`prepare ${flow}: ${prepared.status} ${prepared.text}`);
  progress.requestId = prepared.body.requestId;
  progress.signedTransaction = await user.sign(prepared.body);
  beforeSubmit?.();
  const submitted = await user.call('POST', `/api/nft/requests/${progress.requestId}/submit`, {
    signedTransaction: progress.signedTransaction,
  });
  if (submitted.status !== 200) throw new Error(`submit ${flow}: ${submitted.status} ${submitted.text}`);
  return submitted.body as { id: string; status: string };
}

/** Polls the request until it leaves the worker's hands (terminal, or waiting for the user). */
export async function settleRequest(user: ApiUser, requestId: string, timeoutMs = 90_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let status = 'unknown';
  while (Date.now() < deadline) {
    const res = await user.call('GET', `/api/nft/requests/${requestId}`);
    if (res.status !== 200) throw new Error(`request ${requestId}: ${res.status} ${res.text}`);
    status = res.body.status;
    if (terminalStatuses.includes(status) || userWaitingStatuses.includes(status)) return status;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`request ${requestId} still ${status} after ${timeoutMs} ms`);
}

/** The whole flow to its end, as a person finishing it would (two-step: waits for the mint). */
export async function completeFlow(user: ApiUser, flow: NftFlow): Promise<string> {
  const submitted = await prepareSignSubmit(user, flow);
  const status = await settleRequest(user, submitted.id);
  if (status !== 'completed') throw new Error(`${flow} for ${user.id} ended ${status}`);
  return submitted.id;
}
