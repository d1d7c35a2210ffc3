import { and, desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app/app-context.ts';
import { emailLogs } from '../mail/mail-schema.ts';

/**
 * The code in the newest verification email to `userId`, read as the person would: the
 * mailer sends what is due into the outbox and the code is taken from the `.eml` file.
 */
export async function readEmailedCode(ctx: Pick<AppContext, 'database' | 'mailer'>, userId: string) {
  await ctx.mailer.processDue({ limit: 100 });
  const [row] = await ctx.database.db
    .select()
    .from(emailLogs)
    .where(and(eq(emailLogs.userId, userId), eq(emailLogs.notificationType, 'email_verification_code')))
    .orderBy(desc(emailLogs.createdAt))
    .limit(1);
  const file = (row?.metadata as { outboxFile?: string } | null)?.outboxFile;
  if (!file)
    throw new Error(`no verification email sent to user ${userId} (${row?.status ?? 'none queued'})`);
  return codeInEmail(await ctx.mailer.readOutbox(file));
}

/** The 6-digit code on the `Code:` line of the email's text part. */
export function codeInEmail(eml: string): string {
  const code = /^Code:\s*(\d{6})\s*$/m.exec(eml)?.[1];
  if (!code) throw new Error('no code in the verification email');
  return code;
}

/** Verifies the user's address through the API: ask for a code, read the email, enter it. */
export async function verifyEmailThroughApi(
  app: FastifyInstance,
  ctx: Pick<AppContext, 'database' | 'mailer'>,
  user: { token: string; user: { id: string } },
  remoteAddress?: string,
): Promise<void> {
  const headers = { authorization: `Bearer ${user.token}` };
  const sent = await app.inject({ method: 'POST', url: '/api/auth/email/code', headers, remoteAddress });
  if (sent.statusCode !== 202) throw new Error(`email code: ${sent.statusCode} ${sent.body}`);
  const code = await readEmailedCode(ctx, user.user.id);
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/email/verify',
    headers,
    remoteAddress,
    payload: { code },
  });
  if (res.statusCode !== 200) throw new Error(`verify email: ${res.statusCode} ${res.body}`);
}
