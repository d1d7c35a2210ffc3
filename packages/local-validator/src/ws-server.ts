import http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Chain } from './chain.ts';
import { sendText } from './http-util.ts';
import { SubscriptionSession } from './subscription-session.ts';

/** The PubSub (WebSocket) endpoint: attachable to the RPC server and served on its own port. */
export interface SubscriptionServer {
  /** Accepts WebSocket upgrades arriving at `server`. */
  attachTo(server: http.Server): void;
  /** A server that only speaks WebSocket, for the conventional RPC port + 1. */
  createStandaloneServer(): http.Server;
  /** Disconnects every client. */
  close(): Promise<void>;
}

/** Creates the PubSub endpoint over `chain`. */
export function createSubscriptionServer(chain: Chain): SubscriptionServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  wss.on('connection', (socket) => new SubscriptionSession(socket, chain));
  const upgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  return {
    attachTo: (server) => server.on('upgrade', upgrade),
    createStandaloneServer: () => {
      const server = http.createServer((_req, res) => sendText(res, 426, 'Upgrade Required'));
      server.on('upgrade', upgrade);
      return server;
    },
    close: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
