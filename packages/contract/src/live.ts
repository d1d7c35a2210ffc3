import { z } from 'zod';

/**
 * Messages the server pushes over `GET /api/ws`, as JSON text `{ event, id, data }`. Each
 * `data` names the fields a client relies on and lets others through (`looseObject`), so the
 * server can add a field without breaking a web app that is still open.
 */

/** Sent once after every (re)connect; there may have been events while the socket was down. */
const readyMessageSchema = z.object({
  event: z.literal('ready'),
  data: z.looseObject({ userId: z.string() }),
});

/** The id of the domain event, so a client can ignore a repeat (delivery is at-least-once). */
const eventId = z.string().min(1);

const nftRequestData = z.looseObject({ requestId: z.string() });
const nftRequestEvent = <E extends string>(event: E) =>
  z.object({ event: z.literal(event), id: eventId, data: nftRequestData });

const claimData = z.looseObject({ claimId: z.string() });
const claimEvent = <E extends string>(event: E) =>
  z.object({ event: z.literal(event), id: eventId, data: claimData });

/** Every live message, told apart by `event`. */
export const liveMessageSchema = z.discriminatedUnion('event', [
  readyMessageSchema,
  nftRequestEvent('nft:claim_success'),
  nftRequestEvent('nft:upgrade_complete'),
  nftRequestEvent('nft:upgrade_failed'),
  nftRequestEvent('nft:request_updated'),
  /** A hint that the person's progress changed (new trades); carries nothing. */
  z.object({ event: z.literal('nft:status_changed'), id: eventId, data: z.looseObject({}) }),
  z.object({
    event: z.literal('badge:issued'),
    id: eventId,
    data: z.looseObject({ issuanceId: z.string(), badgeId: z.string() }),
  }),
  claimEvent('badge:claimed'),
  claimEvent('claim:requested'),
  claimEvent('claim:approved'),
  claimEvent('claim:rejected'),
  claimEvent('claim:failed'),
  z.object({
    event: z.literal('issuance:progress'),
    id: eventId,
    data: z.looseObject({ batchId: z.string(), status: z.string() }),
  }),
]);

export type LiveMessage = z.infer<typeof liveMessageSchema>;
export type LiveEventName = LiveMessage['event'];
/** A message announcing a domain event (everything but `ready`). */
export type LiveEventMessage = Exclude<LiveMessage, { event: 'ready' }>;
