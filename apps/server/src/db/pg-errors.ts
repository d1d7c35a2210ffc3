/** PostgreSQL error details, found through Drizzle's wrapping (PGlite and pg both set `code`). */
function findPgError(e: unknown): { code?: string; constraint?: string } | undefined {
  for (let cur = e, depth = 0; cur && depth < 5; depth++) {
    const c = cur as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (typeof c.code === 'string' && /^[0-9A-Z]{5}$/.test(c.code)) {
      return { code: c.code, constraint: typeof c.constraint === 'string' ? c.constraint : undefined };
    }
    cur = c.cause;
  }
  return undefined;
}

/** True for a unique-constraint violation, optionally on one named constraint or index. */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  const pg = findPgError(e);
  if (pg?.code !== '23505') return false;
  if (!constraint) return true;
  // PGlite does not always fill `constraint`; the message names it then.
  return (
    pg.constraint === constraint ||
    String((e as Error)?.message ?? '').includes(constraint) ||
    String((e as { cause?: Error }).cause?.message ?? '').includes(constraint)
  );
}

/** Connection-level failures (database restarting or unreachable): callers answer 503. */
export function isConnectionError(e: unknown): boolean {
  const pg = findPgError(e);
  if (pg?.code?.startsWith('08') || pg?.code === '57P01' || pg?.code === '57P03') return true;
  for (let cur = e, depth = 0; cur && depth < 5; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ETIMEDOUT') return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}
