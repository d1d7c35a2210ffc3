import type { Logger } from 'pino';
import { z } from 'zod';
import type { Db } from '../db/database.ts';
import { retryDelayMs, type BackoffPolicy } from '../jobs/backoff.ts';
import { describeFailure } from '../jobs/describe-failure.ts';
import { readLimitedText } from './read-limited-text.ts';
import { deriveWebhookSecret } from './derive-webhook-secret.ts';
import { signWebhook } from './sign-webhook.ts';
import {
  deliveryQueue,
  insertWebhookDelivery,
  markWebhookDelivered,
  recordWebhookFailure,
  type DbOrTx,
} from './webhook-delivery-store.ts';

export type { DbOrTx } from './webhook-delivery-store.ts';

export interface EnqueueWebhook {
  url: string;
  /** Sent as `x-insignia-event`, e.g. `claim.requested`. */
  eventType: string;
  /** The outbox event this delivers, if any; sent as `x-insignia-event-id` for receivers to dedupe. */
  eventId?: string | null;
  payload: unknown;
  /** One key per event and destination: a repeat enqueue is a no-op. */
  dedupeKey: string;
}

export interface WebhookSenderOptions {
  db: Db;
  /** `WEBHOOK_SECRET`: each destination signs with its own secret derived from it. */
  masterSecret: string;
  logger: Logger;
  fetch?: typeof fetch;
  timeoutMs?: number;
  retry?: BackoffPolicy;
  /** How long a claimed row is reserved for this worker; longer than `timeoutMs`. */
  leaseMs?: number;
  now?: () => Date;
}

/** About a day of retries, like most webhook senders: a receiver down overnight still gets it. */
const defaultRetry: BackoffPolicy = { baseMs: 10_000, maxMs: 2 * 60 * 60_000, maxAttempts: 12 };
const RESPONSE_BODY_LIMIT = 2_048;
const enqueueSchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  // A header value, and one line of the signed bytes: no spaces, no line breaks.
  eventType: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/),
  eventId: z.uuid().nullish(),
  dedupeKey: z.string().min(1).max(200),
  payload: z.json(),
});

/**
 * Signed outbound webhooks from `webhook_deliveries`: each row is claimed with
 * `FOR UPDATE SKIP LOCKED` and leased, POSTed with an HMAC signature over delivery id, event,
 * timestamp and body keyed with the destination's own secret, and retried with backoff until a
 * 2xx or until attempts run out (`failed`).
 */
export function createWebhookSender(options: WebhookSenderOptions) {
  const { db, logger } = options;
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retry = options.retry ?? defaultRetry;
  const leaseMs = options.leaseMs ?? Math.max(60_000, timeoutMs * 3);
  const now = options.now ?? (() => new Date());
  /** The secret a destination's receiver verifies with (shown to admins to configure it). */
  const secretFor = (url: string) => deriveWebhookSecret(options.masterSecret, url);

  async function enqueue(input: EnqueueWebhook, { tx }: { tx?: DbOrTx } = {}) {
    const valid = enqueueSchema.parse(input);
    return insertWebhookDelivery(tx ?? db, {
      url: valid.url,
      eventType: valid.eventType,
      eventId: valid.eventId ?? null,
      payload: valid.payload,
      dedupeKey: valid.dedupeKey,
    });
  }

  /** Takes up to `limit` due rows and leases them: attempts is counted here, before sending. */
  const claimDue = (limit: number) => deliveryQueue.leaseDue(db, { limit, leaseMs });

  type Row = Awaited<ReturnType<typeof claimDue>>[number];

  async function deliver(row: Row): Promise<'delivered' | 'retrying' | 'failed'> {
    const rawBody = JSON.stringify(row.payload);
    const timestamp = Math.floor(now().getTime() / 1000);
    let status: number | null = null;
    let body: string | null = null;
    let error: string | undefined;
    try {
      const res = await doFetch(row.url, {
        method: 'POST',
        // A redirect is a failure, not a new destination: the URL is the one the admin set.
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Insignia-Webhooks/1',
          'x-insignia-event': row.eventType,
          'x-insignia-delivery': row.id,
          'x-insignia-timestamp': String(timestamp),
          'x-insignia-signature': signWebhook({
            secret: secretFor(row.url),
            deliveryId: row.id,
            eventType: row.eventType,
            eventId: row.eventId,
            timestamp,
            rawBody,
          }),
          ...(row.eventId ? { 'x-insignia-event-id': row.eventId } : {}),
        },
        body: rawBody,
      });
      status = res.status;
      body = await readLimitedText(res, RESPONSE_BODY_LIMIT);
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (err) {
      // A timeout says how long it waited; anything else as every queue stores a failure.
      error =
        err instanceof Error && err.name === 'TimeoutError'
          ? `timed out after ${timeoutMs} ms`
          : describeFailure(err);
    }
    if (error === undefined) {
      await markWebhookDelivered(db, row.id, {
        responseStatus: status,
        responseBody: body,
        deliveredAt: now(),
      });
      logger.info({ deliveryId: row.id, event: row.eventType, status }, 'webhook delivered');
      return 'delivered';
    }
    const retryInMs = retryDelayMs(row.attempts, retry);
    await recordWebhookFailure(db, row.id, {
      retryInMs,
      responseStatus: status,
      responseBody: body,
      lastError: error,
    });
    const log = { deliveryId: row.id, event: row.eventType, attempts: row.attempts, status, err: error };
    if (retryInMs === undefined) logger.error(log, 'webhook delivery failed for good');
    else logger.warn({ ...log, retryInMs }, 'webhook delivery failed; will retry');
    return retryInMs === undefined ? 'failed' : 'retrying';
  }

  /** Delivers what is due now; returns what happened to each claimed row. */
  async function processDue({ limit = 20 }: { limit?: number } = {}) {
    const rows = await claimDue(limit);
    const counts = { claimed: rows.length, delivered: 0, retrying: 0, failed: 0 };
    for (const row of rows) counts[await deliver(row)]++;
    return counts;
  }

  return { enqueue, processDue, secretFor };
}

export type WebhookSender = ReturnType<typeof createWebhookSender>;
