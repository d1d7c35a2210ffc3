import { describe, expect, it } from 'vitest';
import { isConnectionError } from './pg-errors.ts';

/** An error as Drizzle throws it: its own message, the driver's error as the cause. */
const wrapped = (cause: unknown) => Object.assign(new Error('Failed query: select 1'), { cause });
const pgError = (code: string) => Object.assign(new Error('from PostgreSQL'), { code });

describe('isConnectionError: the database cannot serve now, the caller answers 503', () => {
  it.each([
    ['statement timeout', '57014'],
    ['lock timeout', '55P03'],
    ['idle-in-transaction timeout', '25P03'],
    ['administrator shutdown or pg_terminate_backend', '57P01'],
    ['crash shutdown', '57P02'],
    ['starting up', '57P03'],
    ['too many connections', '53300'],
    ['connection failure', '08006'],
  ])('%s (%s)', (_, code) => {
    expect(isConnectionError(wrapped(pgError(code)))).toBe(true);
  });

  it.each([
    'Query read timeout',
    'timeout exceeded when trying to connect',
    'Connection terminated unexpectedly',
    'Connection terminated due to connection timeout',
    'Client has encountered a connection error and is not queryable',
    'Client was closed and is not queryable',
  ])("pg's own client-side failure: %s", (message) => {
    expect(isConnectionError(wrapped(new Error(message)))).toBe(true);
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH'])('socket %s', (code) => {
    expect(isConnectionError(wrapped(Object.assign(new Error('socket'), { code })))).toBe(true);
  });

  it('not a constraint violation, a syntax error or a plain bug', () => {
    expect(isConnectionError(wrapped(pgError('23505')))).toBe(false);
    expect(isConnectionError(wrapped(pgError('42601')))).toBe(false);
    expect(isConnectionError(new TypeError('x is undefined'))).toBe(false);
  });
});
