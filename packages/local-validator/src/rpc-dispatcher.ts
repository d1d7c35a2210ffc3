import { errorResponse, resultResponse, RpcError, RpcErrorCode, type JsonRpcId } from './json-rpc.ts';
import type { Logger } from './logger.ts';
import type { RpcContext, RpcMethodTable } from './rpc-context.ts';

/** The method names a JSON-RPC body calls (for fault filters); malformed entries are skipped. */
export function calledMethods(body: unknown): string[] {
  const requests = Array.isArray(body) ? body : [body];
  return requests.flatMap((r: unknown) => {
    const method = r !== null && typeof r === 'object' ? (r as Record<string, unknown>).method : undefined;
    return typeof method === 'string' ? [method] : [];
  });
}

/**
 * Answers a parsed JSON-RPC body: one request or a batch. Returns undefined when nothing is to be
 * sent back (only notifications). Never throws: every failure becomes a JSON-RPC error object.
 */
export function dispatchRpc(
  body: unknown,
  methods: RpcMethodTable,
  ctx: RpcContext,
  logger: Logger,
): unknown {
  if (!Array.isArray(body)) return dispatchOne(body, methods, ctx, logger) ?? undefined;
  if (body.length === 0) return errorResponse(null, RpcErrorCode.InvalidRequest, 'Invalid request');
  const responses = body
    .map((request) => dispatchOne(request, methods, ctx, logger))
    .filter((r) => r !== null);
  return responses.length === 0 ? undefined : responses;
}

function isValidId(id: unknown): id is JsonRpcId {
  return id === null || typeof id === 'string' || typeof id === 'number';
}

function dispatchOne(
  request: unknown,
  methods: RpcMethodTable,
  ctx: RpcContext,
  logger: Logger,
): Record<string, unknown> | null {
  if (request === null || typeof request !== 'object' || Array.isArray(request)) {
    return errorResponse(null, RpcErrorCode.InvalidRequest, 'Invalid request');
  }
  const { jsonrpc, method, params, id } = request as Record<string, unknown>;
  const isNotification = !('id' in request);
  if (!isNotification && !isValidId(id))
    return errorResponse(null, RpcErrorCode.InvalidRequest, 'Invalid request');
  const replyId = isValidId(id) ? id : null;
  if (jsonrpc !== '2.0' || typeof method !== 'string')
    return errorResponse(replyId, RpcErrorCode.InvalidRequest, 'Invalid request');
  if (params !== undefined && params !== null && !Array.isArray(params)) {
    return errorResponse(
      replyId,
      RpcErrorCode.InvalidParams,
      'Invalid params: expected an array of parameters',
    );
  }
  // Own-property check: "toString" or "__proto__" must not resolve to Object.prototype members.
  const handler = Object.hasOwn(methods, method) ? methods[method] : undefined;
  let response: Record<string, unknown>;
  if (handler === undefined) {
    response = errorResponse(replyId, RpcErrorCode.MethodNotFound, 'Method not found');
  } else {
    try {
      response = resultResponse(replyId, handler((params as unknown[] | undefined) ?? [], ctx));
    } catch (error) {
      if (error instanceof RpcError) {
        response = errorResponse(replyId, error.code, error.message, error.data);
      } else {
        const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
        const reason = error instanceof Error ? error.message : String(error);
        logger.error(`local validator: ${method} failed: ${stack}`);
        response = errorResponse(replyId, RpcErrorCode.InternalError, `Internal error: ${reason}`);
      }
    }
  }
  return isNotification ? null : response;
}
