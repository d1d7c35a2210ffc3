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
  const messageOf = (x: unknown) => (x instanceof Error ? x.message : '');
  return (
    pg.constraint === constraint ||
    messageOf(e).includes(constraint) ||
    (e instanceof Error && messageOf(e.cause).includes(constraint))
  );
}

/**
 * SQLSTATEs meaning "the database cannot serve this now": connection exceptions (08), too many
 * connections, a statement or lock wait over its timeout, a session ended by an administrator,
 * a crash, a shutdown or the idle-in-transaction timeout.
 */
const unavailableCodes = new Set(['53300', '57014', '55P03', '57P01', '57P02', '57P03', '25P03']);

/** Socket failures: the database host is unreachable or went away. */
const unavailableSocketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * pg's own client-side failures carry no code, only these messages: no answer in time, no
 * connection in time, a connection that ended or broke under a query.
 */
const unavailableMessages = [
  'Query read timeout',
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
];

/**
 * The database restarting, unreachable, frozen or too slow (a statement or lock timeout):
 * callers answer 503, and a retry later may succeed.
 */
export function isConnectionError(e: unknown): boolean {
  const pg = findPgError(e);
  if (pg?.code && (pg.code.startsWith('08') || unavailableCodes.has(pg.code))) return true;
  for (let cur = e, depth = 0; cur && depth < 5; depth++) {
    const { code, message } = cur as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && unavailableSocketCodes.has(code)) return true;
    if (typeof message === 'string' && unavailableMessages.some((m) => message.startsWith(m))) return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}

/** PostgreSQL's disk_full and io_error: the database could not write, nothing was committed. */
const STORAGE_SQLSTATES = new Set(['53100', '58030']);
/** The same from the file system (the embedded database, keys, blockstore, chain files). */
const STORAGE_ERRNOS = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EIO']);

/**
 * Storage failures (disk full, quota, read-only or failing disk): callers answer 503 with a code,
 * never 500. PGlite has no SQLSTATE for its own file writes: an Emscripten file-system error or
 * an aborted WebAssembly instance is how a failed write reaches us from it.
 */
export function isStorageError(e: unknown): boolean {
  const pg = findPgError(e);
  if (pg?.code && STORAGE_SQLSTATES.has(pg.code)) return true;
  for (let cur = e, depth = 0; cur && depth < 5; depth++) {
    const c = cur as { code?: unknown; name?: unknown; cause?: unknown };
    // WebAssembly.RuntimeError (the lib typings here leave out the WebAssembly namespace).
    if (c.name === 'RuntimeError' && cur instanceof Error) return true;
    if (typeof c.code === 'string' && STORAGE_ERRNOS.has(c.code)) return true;
    if (c.name === 'ErrnoError') return true;
    cur = c.cause;
  }
  return false;
}
