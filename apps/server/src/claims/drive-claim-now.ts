import type { Db } from '../db/database.ts';
import { releaseClaimLease, type ClaimRow } from './claim-store.ts';

/** How long an admin's request waits for the chain before answering with the claim in flight. */
export const CLAIM_SEND_WAIT_MS = 45_000;
/** The lease an admin's request holds on a claim: past the wait, with room to record the outcome. */
export const CLAIM_API_LEASE_MS = CLAIM_SEND_WAIT_MS + 15_000;

const isTimeout = (e: unknown) =>
  e instanceof Error && (e.name === 'AbortError' || e.name === 'TimeoutError');

/**
 * Runs one transfer step for an admin's request while it holds the claim's lease (`owner`),
 * then releases it. Past the wait the step is abandoned, not undone: the transfer bytes were
 * recorded before sending, and the worker (woken here) carries on from the row.
 */
export async function driveClaimNow(
  deps: { db: Db; wakeWorker: () => void },
  row: ClaimRow,
  owner: string,
  step: (signal: AbortSignal) => Promise<ClaimRow>,
): Promise<ClaimRow> {
  let last = row;
  try {
    last = await step(AbortSignal.timeout(CLAIM_SEND_WAIT_MS));
  } catch (e) {
    if (!isTimeout(e)) throw e;
  } finally {
    await releaseClaimLease(deps.db, row.id, owner);
  }
  if (last.status === 'transferring' || last.status === 'approved') deps.wakeWorker();
  return last;
}
