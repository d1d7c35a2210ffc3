import type { Logger } from 'pino';
import type { Db } from '../db/database.ts';
import type { BackoffPolicy } from '../jobs/backoff.ts';
import { driveLeasedRow } from '../jobs/drive-leased-row.ts';
import type { NftRequestAdvancer } from './nft-request-advancer.ts';
import {
  leaseDueRequests,
  releaseLease,
  staleAwaitingRequests,
  workerStatuses,
  type NftRequestRow,
} from './nft-request-store.ts';
import { newLeaseOwner } from '../jobs/lease-owner.ts';
import { isAppError } from '../errors/app-error.ts';

/** Retries of a request that is still in flight: network trouble, a mint to retry after a burn. */
const RETRY: BackoffPolicy = { baseMs: 2_000, maxMs: 60_000, maxAttempts: Number.POSITIVE_INFINITY };
const LEASE_MS = 120_000;
/** A prepared transaction nobody signed for an hour is abandoned; its blockhash is long gone. */
const ABANDON_AFTER_MS = 60 * 60_000;
const MAX_STEPS_PER_LEASE = 4;

const inWorkerStatus = (r: NftRequestRow) => (workerStatuses as readonly string[]).includes(r.status);

/**
 * The recovery sweep: drives every request that needs no user (submitted transactions, the
 * mint after a burn) to a resting state. Runs on every worker instance; leases keep them apart.
 */
export function createNftRequestWorker(deps: { db: Db; advancer: NftRequestAdvancer; logger: Logger }) {
  const owner = newLeaseOwner('worker');

  const processOne = (leased: NftRequestRow) =>
    driveLeasedRow(leased, {
      inProgress: inWorkerStatus,
      advance: (row) => deps.advancer.advance(row),
      maxSteps: MAX_STEPS_PER_LEASE,
      retry: RETRY,
      release: (row, retryInMs) => releaseLease(deps.db, row.id, owner, retryInMs),
      name: 'nft request',
      logger: deps.logger,
      describe: (row) => ({ requestId: row.id }),
    });

  async function abandonStale(): Promise<void> {
    for (const row of await staleAwaitingRequests(deps.db, ABANDON_AFTER_MS)) {
      try {
        // The chain first: a transaction that landed unrecorded is recorded, never abandoned
        // (an abandoned unlock would let the next one mint a second NFT).
        if (await deps.advancer.recordLandedIfAny(row)) continue;
        await deps.advancer.apply(row, { type: 'abandoned' });
      } catch (err) {
        if (isAppError(err, 'STATE__STALE')) continue;
        // Chain or database unreachable: leave it waiting, the next pass decides.
        deps.logger.warn({ err, requestId: row.id }, 'could not settle a stale nft request; will retry');
      }
    }
  }

  return {
    /** One pass; returns how many requests it worked on. */
    async processDue(): Promise<number> {
      const rows = await leaseDueRequests(deps.db, owner, 10, LEASE_MS);
      await Promise.all(rows.map(processOne));
      await abandonStale();
      return rows.length;
    },
  };
}

export type NftRequestWorker = ReturnType<typeof createNftRequestWorker>;
