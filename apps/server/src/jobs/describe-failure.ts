/** Stored failure texts stop here: enough to diagnose, never a page of HTML. */
const MAX_LENGTH = 2_000;

/**
 * A caught error as the `last_error` a queue row stores: its message with the cause's code (a
 * refused connection says ECONNREFUSED, not just "fetch failed"), without NUL characters
 * (PostgreSQL text refuses them) and capped in length.
 */
export function describeFailure(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const cause = err instanceof Error ? describeCause(err.cause) : undefined;
  const text = cause && !message.includes(cause) ? `${message}: ${cause}` : message;
  return text.replaceAll('\u0000', '').slice(0, MAX_LENGTH);
}

function describeCause(cause: unknown): string | undefined {
  if (typeof cause !== 'object' || cause === null) return undefined;
  const { code, message } = cause as { code?: unknown; message?: unknown };
  if (typeof code === 'string') return code;
  return typeof message === 'string' ? message : undefined;
}
