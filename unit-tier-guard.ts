import { ChildProcess } from 'node:child_process';
import { Server, Socket } from 'node:net';

/**
 * Setup file of the `unit` vitest project: a unit test must not open a socket or start a
 * process. One that does fails here with the way out, instead of slowing the fast tier down.
 */
function refuse(what: string): never {
  throw new Error(
    `A unit test ${what}. Tests that need a server, database, network or process belong to the ` +
      `service tier: import the helper from test-support/ (see the tier rule in vitest.config.ts).`,
  );
}

Socket.prototype.connect = function connect(): never {
  return refuse('opened a network connection');
};
Server.prototype.listen = function listen(): never {
  return refuse('started listening on a port');
};
// Untyped, but every spawn, exec and fork of node:child_process goes through it.
(ChildProcess.prototype as unknown as { spawn(): never }).spawn = function spawn(): never {
  return refuse('started a child process');
};
