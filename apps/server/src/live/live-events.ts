import { liveMessageSchema, type LiveEventName } from '@insignia/contract';
import type { DomainEvent } from '../events/domain-event.ts';
import type { AddressedLiveMessage, Audience } from './live-hub.ts';

/**
 * Which domain events are pushed live, under which name (seed 000's `nft:*` names), and to
 * whom. An event not listed here is not pushed.
 */
const liveEvents: Record<string, { event: Exclude<LiveEventName, 'ready'>; to: 'owner' | 'admins' }> = {
  'nft.claim_success': { event: 'nft:claim_success', to: 'owner' },
  'nft.upgrade_complete': { event: 'nft:upgrade_complete', to: 'owner' },
  'nft.upgrade_failed': { event: 'nft:upgrade_failed', to: 'owner' },
  'nft.request_updated': { event: 'nft:request_updated', to: 'owner' },
  'badge.issued': { event: 'badge:issued', to: 'owner' },
  'badge.claimed': { event: 'badge:claimed', to: 'owner' },
  'claim.requested': { event: 'claim:requested', to: 'admins' },
  'claim.approved': { event: 'claim:approved', to: 'owner' },
  'claim.rejected': { event: 'claim:rejected', to: 'owner' },
  'claim.failed': { event: 'claim:failed', to: 'owner' },

  'issuance.progress': { event: 'issuance:progress', to: 'admins' },
};

/**
 * The live message a domain event announces, or undefined when it is not pushed. The payload
 * is checked against the shared contract: one that does not fit would be dropped by the web
 * app anyway, and throwing here would stall the outbox relay.
 */
export function toLiveMessage(event: DomainEvent): AddressedLiveMessage | undefined {
  const spec = liveEvents[event.type];
  if (!spec) return undefined;
  // An owner's event names its owner in the key; without one it goes to nobody.
  const audience: Audience | undefined =
    spec.to === 'admins' ? { admins: true } : event.key ? { userId: event.key } : undefined;
  if (!audience) return undefined;
  const parsed = liveMessageSchema.safeParse({ event: spec.event, id: event.id, data: event.payload });
  if (!parsed.success || parsed.data.event === 'ready') return undefined;
  return { audience, ...parsed.data };
}
