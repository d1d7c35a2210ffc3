import { Writable } from 'node:stream';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.ts';
import { registerErrorHandling } from './error-handler.ts';

/** An app whose routes throw what they are named after, logging into `lines`. */
async function appLoggingTo(lines: { level: number; msg: string; err?: unknown }[]) {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as (typeof lines)[number]);
      done();
    },
  });
  const logger: FastifyBaseLogger = pino({ level: 'info' }, stream);
  const app = Fastify({ loggerInstance: logger });
  registerErrorHandling(app);
  app.get('/busy', () => Promise.reject(new AppError('SERVICE__BUSY')));
  app.get('/draining', () => Promise.reject(new AppError('SERVICE__SHUTTING_DOWN')));
  app.get('/broken', () => Promise.reject(new Error('a bug')));
  await app.ready();
  return app;
}

describe('what the error handler logs', () => {
  it('logs a failure with its cause, but not a refusal made on purpose (overload, draining)', async () => {
    const lines: { level: number; msg: string; err?: unknown }[] = [];
    const app = await appLoggingTo(lines);
    try {
      const busy = await app.inject({ method: 'GET', url: '/busy' });
      expect(busy.statusCode).toBe(503);
      expect(busy.headers['retry-after']).toBe('2');
      const draining = await app.inject({ method: 'GET', url: '/draining' });
      expect(draining.statusCode).toBe(503);
      expect(draining.json().error.code).toBe('SERVICE__SHUTTING_DOWN');
      expect(lines.filter((l) => l.level >= 50)).toEqual([]);

      const broken = await app.inject({ method: 'GET', url: '/broken' });
      expect(broken.statusCode).toBe(500);
      const errors = lines.filter((l) => l.level >= 50);
      expect(errors.map((l) => l.msg)).toEqual(['request failed']);
      expect(JSON.stringify(errors[0]!.err)).toContain('a bug');
    } finally {
      await app.close();
    }
  });
});
