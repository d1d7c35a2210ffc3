import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { pino, type Logger } from 'pino';
import pinoPretty from 'pino-pretty';

/** Paths that could carry a secret; pino replaces them wherever they appear in a log object. */
const redactPaths = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  '*.password',
  '*.passwordHash',
  '*.token',
  '*.secretKey',
];

/** Query parameters that carry a credential (the WebSocket takes its JWT as `?token=`). */
const credentialParams = /([?&](?:token|access_token|api_key|password)=)[^&#]*/gi;

/** A URL fit for a log line: credentials in its query string replaced. */
export function redactUrl(url: string): string {
  return url.replace(credentialParams, '$1[redacted]');
}

interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/** Fastify's own request serializer, except that the URL loses its credentials. */
const serializers = {
  req: (req: LoggedRequest) => ({
    method: req.method,
    url: req.url === undefined ? undefined : redactUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  }),
};

export type LogFormat = 'auto' | 'pretty' | 'json';

/** `auto`: readable lines for a person at a terminal, JSON lines for a log collector. */
export function resolveLogFormat(format: LogFormat, isTTY = process.stdout.isTTY): 'pretty' | 'json' {
  if (format !== 'auto') return format;
  return isTTY ? 'pretty' : 'json';
}

/**
 * The process logger. Pretty output is formatted in this thread and written synchronously, so
 * log lines and the start banner (written straight to stdout) appear in the order they happen.
 * `destination` is for tests; stdout otherwise.
 */
export function createLogger(options: {
  level: string;
  format?: LogFormat;
  isTTY?: boolean;
  destination?: NodeJS.WritableStream;
}): Logger {
  // Undefined, not false, when stdout is a pipe or a file (Node's typing says boolean).
  const isTTY = options.isTTY ?? process.stdout.isTTY;
  const base = { level: options.level, redact: { paths: redactPaths, censor: '[redacted]' }, serializers };
  if (resolveLogFormat(options.format ?? 'json', isTTY) === 'json')
    return options.destination ? pino(base, options.destination) : pino(base);
  const stream = pinoPretty({
    colorize: isTTY ? !options.destination : false,
    ignore: 'pid,hostname',
    translateTime: 'SYS:HH:MM:ss',
    singleLine: true,
    sync: true,
    ...(options.destination ? { destination: options.destination } : {}),
  });
  return pino(base, stream);
}

/**
 * Fastify's per-request log lines, quiet at the default level: a terminal shows the start
 * banner and what needs a look (server errors, slow requests), not every request. Every
 * request is still logged at debug (LOG_LEVEL=debug).
 */
export class RequestLogController extends LogController {
  constructor(private readonly slowMs: number) {
    super();
  }

  override incomingRequest(request: FastifyRequest): void {
    request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const ms = Math.round(reply.elapsedTime);
    const fields = { req: request, res: reply, responseTime: reply.elapsedTime };
    // Built only for a line that is written: most requests log nothing at the default level.
    const line = () => `${request.method} ${redactUrl(request.url)} answered ${reply.statusCode} in ${ms} ms`;
    // A WebSocket stays open as long as the page does: its length says nothing about speed.
    const upgrade = request.headers.upgrade !== undefined;
    // 503: refused on purpose (busy, shutting down) or a dependency is down, which is logged
    // where it is seen; worth a look, not an error of this request's own.
    if (reply.statusCode === 503) reply.log.warn(fields, line());
    else if (error || reply.statusCode >= 500)
      reply.log.error({ ...fields, err: error ?? undefined }, line());
    else if (ms >= this.slowMs && !upgrade) reply.log.warn(fields, `slow request: ${line()}`);
    else reply.log.debug(fields, 'request completed');
  }

  override routeNotFound(request: FastifyRequest): void {
    request.log.debug(`no route for ${request.method} ${redactUrl(request.url)}`);
  }
}
