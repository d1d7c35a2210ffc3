import { pino, type Logger } from 'pino';

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

export function createLogger(options: { level: string; pretty?: boolean }): Logger {
  return pino({
    level: options.level,
    redact: { paths: redactPaths, censor: '[redacted]' },
    serializers,
    ...(options.pretty
      ? { transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname' } } }
      : {}),
  });
}
