import type { Logger } from 'pino';
import { z } from 'zod';
import type { Db } from '../db/database.ts';
import { retryDelayMs, type BackoffPolicy } from '../jobs/backoff.ts';
import { crashPoint } from '../jobs/crash-point.ts';
import { describeFailure } from '../jobs/describe-failure.ts';
import { emailDataSchemas, secretEmailFields, type EmailData, type EmailType } from './email-data.ts';
import {
  insertEmailLog,
  insertEmailLogs,
  mailQueue,
  type BulkDbOrTx,
  markEmailSent,
  recordEmailFailure,
  type DbOrTx,
} from './email-log-store.ts';
import { createMailTransport, type MailTransport, type MailTransportConfig } from './mail-transport.ts';
import { isPlatformName } from './neutralize-links.ts';
import { renderEmail, renderSubject } from './render-email.ts';

export type { BulkDbOrTx, DbOrTx } from './email-log-store.ts';

export type EnqueueEmail = {
  [T in EmailType]: {
    type: T;
    to: string;
    userId?: string | null;
    issuanceId?: string | null;
    claimId?: string | null;
    /** One key per event (e.g. `badge_in_vault:<issuanceId>`): a repeat enqueue is a no-op. */
    dedupeKey: string;
    data: EmailData<T>;
  };
}[EmailType];

export interface MailerOptions {
  db: Db;
  transport: MailTransportConfig;
  from: string;
  /** Named in every email ("log in to <platformName>"): a name, or a bare domain shown unlinked. */
  platformName: string;
  logger: Logger;
  retry?: BackoffPolicy;
  /** How long a claimed row is reserved for this worker before another may take it again. */
  leaseMs?: number;
  now?: () => Date;
}

/** Retries over about a day: a mail server down for hours still gets the email out. */
const defaultRetry: BackoffPolicy = { baseMs: 30_000, maxMs: 2 * 60 * 60_000, maxAttempts: 10 };
const recipientSchema = z.email().max(254);
/**
 * Queues emails in `email_logs` and sends them from a worker. Each row is claimed with
 * `FOR UPDATE SKIP LOCKED` and leased, so several instances never send one row at once; a
 * crash mid-send retries it with the same Message-ID. Sending is at least once, never more
 * than once per dedupe key.
 */
export function createMailer(options: MailerOptions) {
  const { db, logger } = options;
  if (!isPlatformName(options.platformName)) {
    throw new Error('platformName must be a name or a bare domain, not a URL: emails carry no links');
  }
  const retry = options.retry ?? defaultRetry;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const now = options.now ?? (() => new Date());
  const transport: MailTransport = createMailTransport(options.transport);
  const fromDomain = /@([^>\s]+)>?\s*$/.exec(options.from)?.[1] ?? 'insignia.local';

  /** The row an email is queued as: recipient and data checked, subject rendered. */
  function emailLogOf(input: EnqueueEmail) {
    const to = recipientSchema.parse(input.to);
    const data = emailDataSchemas[input.type].parse(input.data);
    return {
      notificationType: input.type,
      recipient: to,
      // The subject only: the body is rendered when the email is sent.
      subject: renderSubject(input.type, data, options.platformName),
      dedupeKey: input.dedupeKey,
      userId: input.userId ?? null,
      issuanceId: input.issuanceId ?? null,
      claimId: input.claimId ?? null,
      metadata: { data },
    };
  }

  async function enqueue(input: EnqueueEmail, { tx }: { tx?: DbOrTx } = {}) {
    return insertEmailLog(tx ?? db, emailLogOf(input));
  }

  /**
   * {@link enqueue} for many emails in two statements at most, whatever their number (a batch
   * issuance settles hundreds at once). One result per input, in order.
   */
  async function enqueueMany(inputs: readonly EnqueueEmail[], { tx }: { tx?: BulkDbOrTx } = {}) {
    return insertEmailLogs(tx ?? db, inputs.map(emailLogOf));
  }

  /** Takes up to `limit` due rows and leases them: attempts is counted here, before sending. */
  const claimDue = (limit: number) => mailQueue.leaseDue(db, { limit, leaseMs });

  type Row = Awaited<ReturnType<typeof claimDue>>[number];

  async function sendOne(row: Row): Promise<'sent' | 'retrying' | 'failed'> {
    let rendered;
    try {
      const data = (row.metadata as { data: unknown }).data as EmailData;
      rendered = renderEmail(row.notificationType, data, options.platformName);
    } catch (err) {
      // Bad stored data never gets better: fail now instead of retrying for a day.
      return recordFailure(row, err, true);
    }
    try {
      const result = await transport.send({
        from: options.from,
        to: row.recipient,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        messageId: `<${row.id}@${fromDomain}>`,
        date: row.createdAt,
        headers: { 'x-insignia-email-id': row.id, 'x-insignia-email-type': row.notificationType },
      });
      crashPoint('mail.sent', row.recipient); // test-only: sent, not yet recorded as sent
      await markEmailSent(db, row.id, {
        mailProviderId: result.providerId.slice(0, 255),
        sentAt: now(),
        metadata: {
          ...(row.metadata as object),
          data: maskSecrets(row.notificationType, (row.metadata as { data: unknown }).data),
          ...(result.outboxFile ? { outboxFile: result.outboxFile } : {}),
        },
      });
      logger.info(
        { emailId: row.id, type: row.notificationType, providerId: result.providerId },
        'email sent',
      );
      return 'sent';
    } catch (err) {
      return recordFailure(row, err, false);
    }
  }

  async function recordFailure(row: Row, err: unknown, permanent: boolean) {
    const retryInMs = permanent ? undefined : retryDelayMs(row.attempts, retry);
    const message = describeFailure(err);
    await recordEmailFailure(db, row.id, { retryInMs, lastError: message });
    const log = { emailId: row.id, type: row.notificationType, attempts: row.attempts, err: message };
    if (retryInMs === undefined) logger.error(log, 'email send failed for good');
    else logger.warn({ ...log, retryInMs }, 'email send failed; will retry');
    return retryInMs === undefined ? 'failed' : 'retrying';
  }

  /** Sends what is due now; returns what happened to each claimed row. */
  async function processDue({ limit = 20 }: { limit?: number } = {}) {
    const rows = await claimDue(limit);
    const counts = { claimed: rows.length, sent: 0, retrying: 0, failed: 0 };
    for (const row of rows) counts[await sendOne(row)]++;
    return counts;
  }

  return {
    enqueue,
    enqueueMany,
    processDue,
    listOutbox: () => transport.listOutbox(),
    readOutbox: (name: string) => transport.readOutbox(name),
    close: () => transport.close(),
  };
}

export type Mailer = ReturnType<typeof createMailer>;

/** Once sent, a one-time code has no business staying readable in the log table. */
function maskSecrets(type: EmailType, data: unknown): unknown {
  const fields = secretEmailFields[type];
  if (!fields || typeof data !== 'object' || data === null) return data;
  return { ...data, ...Object.fromEntries(fields.map((f) => [f, '[sent]'])) };
}
