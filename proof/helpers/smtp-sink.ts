import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from '../../apps/server/src/test-support/free-port.ts';

export interface SmtpSink {
  url: string;
  received: Array<{ to: string; subject: string; messageId: string | undefined }>;
  /** Starts (again) listening on the same port. */
  start(): Promise<void>;
  /** Stops listening: connections are refused, as with a mail server that is down. */
  stop(): Promise<void>;
}

/** A real SMTP server for the test, which can go down and come back on the same port. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const port = await freePort();
  const received: SmtpSink['received'] = [];
  let server: SMTPServer | undefined;
  const sink: SmtpSink = {
    url: `smtp://127.0.0.1:${port}`,
    received,
    async start() {
      if (server) return;
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS', 'AUTH'],
        logger: false,
        onData(stream, _session, callback) {
          simpleParser(stream).then((mail) => {
            const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
            received.push({
              to: to?.value[0]?.address ?? '',
              subject: mail.subject ?? '',
              messageId: mail.messageId,
            });
            callback();
          }, callback);
        },
      });
      await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    },
    async stop() {
      const s = server;
      server = undefined;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
  await sink.start();
  return sink;
}
