import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Chain } from './chain.ts';
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

/** Largest jump one call may ask for: about four days of 400 ms slots. */
const MAX_ADVANCE_SLOTS = 1_000_000;

/**
 * `POST /__faults/advance-slots` with `{ "slots": n }` (only with enableFaultControl): moves slot
 * and block height `n` ahead at once, so a test sees blockhashes expire without waiting for
 * them. Answers the new slot.
 */
export async function handleAdvanceSlotsRoute(
  req: IncomingMessage,
  res: ServerResponse,
  chain: Pick<Chain, 'advanceSlots'>,
): Promise<void> {
  if (req.method !== 'POST') {
    sendJson(res, 405, { ok: false, error: 'use POST' });
    return;
  }
  let slots: unknown;
  try {
    slots = (JSON.parse((await readBody(req, 1024)) ?? '') as { slots?: unknown }).slots;
  } catch {
    slots = undefined;
  }
  if (typeof slots !== 'number' || !Number.isInteger(slots) || slots < 1 || slots > MAX_ADVANCE_SLOTS) {
    sendJson(res, 400, { ok: false, error: `slots must be an integer from 1 to ${MAX_ADVANCE_SLOTS}` });
    return;
  }
  sendJson(res, 200, { ok: true, slot: chain.advanceSlots(slots) });
}
