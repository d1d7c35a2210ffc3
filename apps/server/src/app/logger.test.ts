import { PassThrough } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createLogger, RequestLogController, resolveLogFormat, type LogFormat } from './logger.ts';

/** A logger writing into a buffer, with the app's request logging, serving a few routes. */
async function serveWith(options: { format: LogFormat; isTTY: boolean; level?: string }) {
  const out = new PassThrough();
  let text = '';
  out.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const logger = createLogger({ level: options.level ?? 'info', ...options, destination: out });
  const app = Fastify({
    loggerInstance: logger,
    logController: new RequestLogController(50),
  });
  app.get('/api/fine', () => ({ ok: true }));
  app.get('/api/slow', async () => {
    await new Promise((resolve) => setTimeout(resolve, 80));
    return { ok: true };
  });
  app.get('/api/broken', () => {
    throw new Error('the database went away');
  });
  await app.ready();
  return {
    app,
    lines: () => text.split('\n').filter(Boolean),
    /** Lets pino-pretty's transform hand its output on. */
    settle: () => new Promise((resolve) => setImmediate(resolve)),
  };
}

describe('logs on a terminal and for a collector', () => {
  it('picks readable lines on a terminal and JSON otherwise, unless LOG_FORMAT says', () => {
    expect(resolveLogFormat('auto', true)).toBe('pretty');
    expect(resolveLogFormat('auto', false)).toBe('json');
    expect(resolveLogFormat('json', true)).toBe('json');
    expect(resolveLogFormat('pretty', false)).toBe('pretty');
  });

  it('on a terminal: readable lines, no line per ordinary request, slow requests and server errors shown', async () => {
    const s = await serveWith({ format: 'auto', isTTY: true });
    for (let i = 0; i < 5; i++) expect((await s.app.inject({ url: '/api/fine' })).statusCode).toBe(200);
    expect((await s.app.inject({ url: '/api/nowhere?token=secret' })).statusCode).toBe(404);
    await s.settle();
    expect(s.lines()).toEqual([]);

    await s.app.inject({ url: '/api/slow?token=secret' });
    expect((await s.app.inject({ url: '/api/broken' })).statusCode).toBe(500);
    await s.settle();
    const lines = s.lines();
    expect(
      lines.some((l) =>
        /WARN.*slow request: GET \/api\/slow\?token=\[redacted\] answered 200 in \d+ ms/.test(l),
      ),
    ).toBe(true);
    expect(lines.some((l) => /ERROR.*GET \/api\/broken answered 500/.test(l))).toBe(true);
    expect(lines.join('\n')).toContain('the database went away');
    // A person reads these: no JSON objects per line, and the secret never printed.
    expect(lines.every((l) => !l.startsWith('{'))).toBe(true);
    expect(lines.join('\n')).not.toContain('secret');
    await s.app.close();
  });

  it('every request is still there at debug', async () => {
    const s = await serveWith({ format: 'pretty', isTTY: true, level: 'debug' });
    await s.app.inject({ url: '/api/fine' });
    await s.settle();
    expect(s.lines().some((l) => /DEBUG.*incoming request/.test(l))).toBe(true);
    expect(s.lines().some((l) => /DEBUG.*request completed/.test(l))).toBe(true);
    await s.app.close();
  });

  it('without a terminal: one JSON object a line, with the same quiet default', async () => {
    const s = await serveWith({ format: 'auto', isTTY: false });
    await s.app.inject({ url: '/api/fine' });
    await s.app.inject({ url: '/api/slow' });
    await s.settle();
    const entries = s
      .lines()
      .map((l) => JSON.parse(l) as { level: number; msg: string; responseTime?: number });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      level: 40,
      msg: expect.stringMatching(/^slow request: GET \/api\/slow/),
    });
    expect(entries[0]?.responseTime).toBeGreaterThanOrEqual(50);
    await s.app.close();
  });
});
