import type WebSocket from 'ws';

/** A received frame's text: ws hands over one Buffer, an ArrayBuffer, or fragments. */
export function wsText(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (data instanceof ArrayBuffer ? Buffer.from(data) : data).toString('utf8');
}
