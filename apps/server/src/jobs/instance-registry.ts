import type { Logger } from 'pino';
import type { Db } from '../db/database.ts';
import {
  deleteDeadInstances,
  findDeadInstanceIds,
  markInstanceStopped,
  recordHeartbeat,
} from './instance-queries.ts';
import { clearLeases, leasedTables } from './lease-queries.ts';
import { currentInstanceId } from './lease-owner.ts';

/** How often an instance says it is alive. */
export const HEARTBEAT_MS = 2_000;
/** An instance silent this long is taken for dead and its leases are freed (3 heartbeats). */
export const STALE_AFTER_MS = 3 * HEARTBEAT_MS;

/**
 * Frees the leases of instances that stopped or whose heartbeat is older than `staleAfterMs`,
 * then forgets those instances (one that was only paused records itself again at its next
 * beat). Only instances found in `instances` count: a lease owner of an older format waits for
 * its expiry as before. Every leased table, found in the catalog, is covered; the tables are
 * only scanned when some instance died. Database time throughout, so the clocks of different
 * hosts do not matter. Returns the number of rows freed.
 */
export async function releaseDeadInstanceLeases(
  db: Db,
  staleAfterMs = STALE_AFTER_MS,
  options: { judgeSilent?: boolean } = {},
): Promise<number> {
  // Without `judgeSilent` only instances that said they stopped count: see startInstanceRegistry.
  const staleAfter = options.judgeSilent === false ? undefined : staleAfterMs;
  const dead = await findDeadInstanceIds(db, staleAfter);
  if (dead.length === 0) return 0;
  let released = 0;
  for (const name of await leasedTables(db)) released += await clearLeases(db, name, dead);
  await deleteDeadInstances(db, dead, staleAfter);
  return released;
}

/**
 * Records this instance in `instances`, keeps its heartbeat, and on each beat frees the
 * leases of dead instances (`onReleased` wakes the workers to take that work now). `stop()`
 * marks it stopped, which frees its own leases for whoever runs next.
 */
export async function startInstanceRegistry(options: {
  db: Db;
  logger: Logger;
  onReleased?: () => void;
  heartbeatMs?: number;
}) {
  const { db, logger } = options;
  const id = currentInstanceId();
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  const staleAfterMs = 3 * heartbeatMs;
  // An instance taken for dead (a long pause) records itself again with its next beat.
  const beat = () => recordHeartbeat(db, id);
  // Silence only means death if this instance itself has been beating steadily for the whole
  // window: after a database stall every heartbeat is late, and judging then would take work
  // from instances that are alive and busy with it.
  let steadySince = Date.now();
  let lastBeatAt = 0;
  const sweep = async () => {
    const judgeSilent = Date.now() - steadySince >= staleAfterMs;
    const released = await releaseDeadInstanceLeases(db, staleAfterMs, { judgeSilent });
    if (released > 0) {
      logger.warn({ released }, 'released the work leases of stopped or silent instances');
      options.onReleased?.();
    }
  };

  await beat();
  lastBeatAt = Date.now();
  await sweep();
  let beating: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (beating) return;
    beating = (async () => {
      try {
        await beat();
        const now = Date.now();
        if (now - lastBeatAt > 2 * heartbeatMs) steadySince = now;
        lastBeatAt = now;
        await sweep();
      } catch (err) {
        steadySince = Date.now();
        logger.warn({ err }, 'instance heartbeat failed; will retry');
      } finally {
        beating = undefined;
      }
    })();
  }, heartbeatMs);
  timer.unref();

  return {
    id,
    /** Marks this instance stopped and frees its leases; work still running here is abandoned. */
    async stop(): Promise<void> {
      clearInterval(timer);
      await beating;
      await markInstanceStopped(db, id);
      await releaseDeadInstanceLeases(db, staleAfterMs);
    },
  };
}

export type InstanceRegistry = Awaited<ReturnType<typeof startInstanceRegistry>>;
