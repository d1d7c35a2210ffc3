import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { handleAdvanceSlotsRoute, handleFaultRoute } from './fault-route.ts';
import { readBody, sendJson, sendText, setCorsHeaders } from './http-util.ts';
import { errorResponse, RpcErrorCode } from './json-rpc.ts';
import type { Logger } from './logger.ts';
import type { RpcContext, RpcMethodTable } from './rpc-context.ts';
import { calledMethods, dispatchRpc } from './rpc-dispatcher.ts';

const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** Options of {@link createRpcServer}. */
export interface RpcServerOptions {
  readonly ctx: RpcContext;
  readonly methods: RpcMethodTable;
  /** Serve `/__faults` and `/__faults/advance-slots`. */
  readonly faultControl: boolean;
  readonly logger: Logger;
}

/** The HTTP JSON-RPC server (not yet listening). `POST` any path; `GET /health` answers "ok". */
export function createRpcServer(options: RpcServerOptions): http.Server {
  return http.createServer((req, res) => {
    handleRequest(req, res, options).catch((error: unknown) => {
      if (res.headersSent || res.destroyed) return;
      const reason = error instanceof Error ? error.message : String(error);
      options.logger.error(`local validator: request failed: ${reason}`);
      sendJson(res, 500, errorResponse(null, RpcErrorCode.InternalError, 'Internal error'));
    });
  });
}

async function handleRequest(
  req: IncomingMessage,
  res: ServerResponse,
  options: RpcServerOptions,
): Promise<void> {
  setCorsHeaders(res);
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'OPTIONS') {
    res.writeHead(204).end();
    return;
  }
  if (options.faultControl && pathname === '/__faults') {
    await handleFaultRoute(req, res, options.ctx.faults);
    return;
  }
  if (options.faultControl && pathname === '/__faults/advance-slots') {
    await handleAdvanceSlotsRoute(req, res, options.ctx.chain);
    return;
  }
  if (req.method === 'GET' && pathname === '/health') {
    sendText(res, 200, 'ok');
    return;
  }
  if (req.method !== 'POST') {
    sendText(res, 405, 'Used HTTP Method is not allowed. POST or OPTIONS is required');
    return;
  }
  const raw = await readBody(req, MAX_BODY_BYTES);
  if (raw === null) {
    sendText(res, 413, 'Payload Too Large');
    return;
  }
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    sendJson(res, 200, errorResponse(null, RpcErrorCode.ParseError, 'Parse error'));
    return;
  }
  const fault = options.ctx.faults.takeRequestFault(calledMethods(body));
  if (fault?.mode === 'fail') {
    if (fault.reset) req.socket.destroy();
    else sendText(res, 503, 'Service Unavailable');
    return;
  }
  if (fault?.mode === 'rateLimit') {
    const retryAfter = String(fault.retryAfterSeconds ?? 1);
    sendJson(res, 429, errorResponse(null, 429, 'Too many requests'), { 'Retry-After': retryAfter });
    return;
  }
  const response = dispatchRpc(body, options.methods, options.ctx, options.logger);
  await options.ctx.chain.whenDurable();
  // The work is done before the delay: a slow answer, not slow processing (a timed-out send may still land).
  if (fault?.mode === 'delay') await sleep(fault.delayMs ?? 1000);
  if (response === undefined) {
    res.writeHead(204).end();
    return;
  }
  sendJson(res, 200, response);
}
