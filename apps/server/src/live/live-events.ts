import type { DomainEvent } from '../events/domain-event.ts';
import type { LiveMessage } from './live-hub.ts';

/**
 * Which domain events are pushed live, under which name (seed 000's `nft:*` names), and to
 * whom. An event not listed here is not pushed.
 */
const liveEvents: Record<string, { event: string; to: 'owner' | 'admins' }> = {
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

export function toLiveMessage(event: DomainEvent): LiveMessage | undefined {
  const spec = liveEvents[event.type];
  if (!spec) return undefined;
  if (spec.to === 'owner' && !event.key) return undefined;
  return {
    audience: spec.to === 'admins' ? { admins: true } : { userId: event.key! },
    event: spec.event,
    data: event.payload,
    id: event.id,
  };
}
