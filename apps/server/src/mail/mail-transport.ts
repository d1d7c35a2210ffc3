import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { AppError } from '../errors/app-error.ts';
import { isErrnoCode } from '../errors/is-errno-code.ts';

/** SMTP in production; `.eml` files in a directory by default (SPEC §2). */
export type MailTransportConfig = { kind: 'smtp'; url: string } | { kind: 'outbox'; dir: string };

/** The configured transport: SMTP when `SMTP_URL` is set, else the data dir's outbox. */
export function mailTransportConfig(smtpUrl: string | undefined, dataDir: string): MailTransportConfig {
  return smtpUrl ? { kind: 'smtp', url: smtpUrl } : { kind: 'outbox', dir: join(dataDir, 'outbox') };
}

export interface OutgoingMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per email_logs row, so a resend after a crash is recognisable as the same message. */
  messageId: string;
  /** When the email was queued: its Date header, stable across resends like the Message-ID. */
  date?: Date;
  headers: Record<string, string>;
}

export interface OutboxEntry {
  name: string;
  size: number;
  createdAt: Date;
}

export interface MailTransport {
  kind: MailTransportConfig['kind'];
  /** Resolves to the provider's id for the message (the SMTP Message-ID), or throws. */
  send(message: OutgoingMessage): Promise<{ providerId: string; outboxFile?: string }>;
  /** `.eml` files written in outbox mode, newest first (empty with SMTP). */
  listOutbox(): Promise<OutboxEntry[]>;
  /** One outbox file's raw RFC 5322 text. */
  readOutbox(name: string): Promise<string>;
  close(): void;
}

const OUTBOX_NAME = /^[0-9TZ]+-[0-9a-f-]{36}\.eml$/;

export function createMailTransport(config: MailTransportConfig): MailTransport {
  if (config.kind === 'smtp') {
    // Timeouts well inside the worker's claim lease, so a stuck send cannot outlive its lease.
    const transporter = createTransport({
      url: config.url,
      connectionTimeout: 20_000,
      greetingTimeout: 20_000,
      socketTimeout: 60_000,
    });
    return {
      kind: 'smtp',
      async send(message) {
        const info = await transporter.sendMail(message);
        // Some transports leave the id empty: ours, then.
        return { providerId: info.messageId || message.messageId };
      },
      listOutbox: () => Promise.resolve([]),
      readOutbox: () =>
        Promise.reject(
          new AppError('NOT_FOUND', undefined, { message: 'There is no outbox: mail goes out over SMTP.' }),
        ),
      close: () => transporter.close(),
    };
  }

  const composer = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    kind: 'outbox',
    async send(message) {
      const info = await composer.sendMail(message);
      await mkdir(config.dir, { recursive: true, mode: 0o700 });
      // Named from the queued time and the email's id, both fixed for the email: a resend after
      // a crash between writing the file and recording it replaces that file, never adds one.
      const stamp = (message.date ?? new Date()).toISOString().replace(/[-:]|\.\d+/g, '');
      const name = `${stamp}-${message.headers['x-insignia-email-id']}.eml`;
      const tmp = join(config.dir, `.tmp-${randomBytes(8).toString('hex')}`);
      await writeFile(tmp, info.message as Buffer, { mode: 0o600 });
      await rename(tmp, join(config.dir, name));
      return { providerId: info.messageId, outboxFile: name };
    },
    async listOutbox() {
      const names = (await readdir(config.dir).catch(() => [] as string[])).filter((n) =>
        OUTBOX_NAME.test(n),
      );
      const entries = await Promise.all(
        names.map(async (name) => {
          const s = await stat(join(config.dir, name));
          return { name, size: s.size, createdAt: s.mtime };
        }),
      );
      return entries.sort((a, b) => b.name.localeCompare(a.name));
    },
    async readOutbox(name) {
      // Only names we wrote: no path separators, no way out of the directory.
      if (!OUTBOX_NAME.test(name)) throw new AppError('NOT_FOUND');
      return readFile(join(config.dir, name), 'utf8').catch((e: unknown) => {
        throw isErrnoCode(e, 'ENOENT') ? new AppError('NOT_FOUND', undefined, { cause: e }) : e;
      });
    },
    close: () => composer.close(),
  };
}
