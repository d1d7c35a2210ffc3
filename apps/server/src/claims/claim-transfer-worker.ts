import type { Logger } from 'pino';
import type { Db } from '../db/database.ts';
import type { BackoffPolicy } from '../jobs/backoff.ts';
import { driveLeasedRow } from '../jobs/drive-leased-row.ts';
import type { ClaimTransferAdvancer } from './claim-transfer-advancer.ts';
import { leaseDueClaims, releaseClaimLease, type ClaimRow } from './claim-store.ts';
import { newLeaseOwner } from '../jobs/lease-owner.ts';

/** Transfers still in flight, or waiting for the fee payer's SOL or the network: retried for good. */
const RETRY: BackoffPolicy = { baseMs: 2_000, maxMs: 60_000, maxAttempts: Number.POSITIVE_INFINITY };
/** Longer than a blockhash lives (~60-90 s), since settling an earlier transfer waits that long. */
const LEASE_MS = 180_000;
const MAX_STEPS_PER_LEASE = 4;

const serverDriven = (r: ClaimRow) =>
  r.status === 'transferring' || (r.status === 'approved' && r.signingMode === 'server');

/**
 * Drives approved and in-flight claim transfers to a resting state after any crash or outage.
 * Runs on every worker instance; leases keep them apart.
 */
export function createClaimTransferWorker(deps: { db: Db; advancer: ClaimTransferAdvancer; logger: Logger }) {
  const owner = newLeaseOwner('worker');

  const processOne = (leased: ClaimRow) =>
    driveLeasedRow(leased, {
      inProgress: serverDriven,
      advance: (row) => deps.advancer.advance(row),
      maxSteps: MAX_STEPS_PER_LEASE,
      retry: RETRY,
      release: (row, retryInMs) => releaseClaimLease(deps.db, row.id, owner, retryInMs),
      name: 'claim transfer',
      logger: deps.logger,
      describe: (row) => ({ claimId: row.id }),
    });

  return {
    /** One pass; returns how many claims it worked on. */
    async processDue(): Promise<number> {
      const rows = await leaseDueClaims(deps.db, owner, 10, LEASE_MS);
      await Promise.all(rows.map(processOne));
      return rows.length;
    },
  };
}
