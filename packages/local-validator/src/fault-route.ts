import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseFaultSpec, type FaultInjector } from './fault-controller.ts';
import { readBody, sendJson } from './http-util.ts';

/**
 * `/__faults` (only with enableFaultControl): `GET` shows the fault, `POST` a FaultSpec JSON sets
 * it, `DELETE` clears it. Lets a test drive a validator running in another process.
 */
export async function handleFaultRoute(
  req: IncomingMessage,
  res: ServerResponse,
  faults: FaultInjector,
): Promise<void> {
  if (req.method === 'DELETE') faults.clear();
  if (req.method === 'POST') {
    const raw = await readBody(req, 64 * 1024);
    try {
      faults.set(parseFaultSpec(JSON.parse(raw ?? '')));
    } catch (error) {
      sendJson(res, 400, { ok: false, error: (error as Error).message });
      return;
    }
  }
  if (req.method !== 'GET' && req.method !== 'POST' && req.method !== 'DELETE') {
    sendJson(res, 405, { ok: false, error: 'use GET, POST or DELETE' });
    return;
  }
  sendJson(res, 200, { ok: true, fault: faults.current() });
}
