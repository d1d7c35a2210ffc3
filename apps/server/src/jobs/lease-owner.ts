import { randomUUID } from 'node:crypto';

let instanceId: string | undefined;

/**
 * This process's instance id, made on first use. Every lease this process writes carries it
 * (`newLeaseOwner`), and `startInstanceRegistry` records it with a heartbeat, so another
 * instance can tell when the lease holder is gone.
 */
export function currentInstanceId(): string {
  instanceId ??= randomUUID();
  return instanceId;
}

/**
 * A lease owner, `<kind>:<instance id>:<random>`: unique per holder (a worker, or one API call
 * driving a row itself), and naming the instance it runs in. 53 characters at most, within the
 * `lease_owner` columns' 64.
 */
export function newLeaseOwner(kind: 'api' | 'worker'): string {
  return `${kind}:${currentInstanceId()}:${randomUUID().slice(0, 8)}`;
}
