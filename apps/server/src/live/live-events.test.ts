import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../events/domain-event.ts';
import { toLiveMessage } from './live-events.ts';

const domainEvent = (type: string, key: string | null, payload: Record<string, unknown>): DomainEvent => ({
  id: 'evt-1',
  seq: 1n,
  topic: 'insignia.test',
  type,
  key,
  payload,
  createdAt: new Date(0),
});

describe('toLiveMessage', () => {
  it('pushes an owner event to its user and an admin event to admins, data as written', () => {
    const payload = { requestId: 'r1', kind: 'unlock', status: 'completed', level: 1, signature: 's' };
    expect(toLiveMessage(domainEvent('nft.claim_success', 'u1', payload))).toEqual({
      audience: { userId: 'u1' },
      event: 'nft:claim_success',
      id: 'evt-1',
      data: payload,
    });
    const progress = { batchId: 'b1', status: 'running', signingMode: 'server', counts: { total: 2 } };
    expect(toLiveMessage(domainEvent('issuance.progress', null, progress))).toEqual({
      audience: { admins: true },
      event: 'issuance:progress',
      id: 'evt-1',
      data: progress,
    });
  });

  it('pushes nothing for an unlisted event, an owner event without a user, or a payload off the contract', () => {
    expect(toLiveMessage(domainEvent('badge.created', 'u1', {}))).toBeUndefined();
    expect(
      toLiveMessage(domainEvent('badge.issued', null, { issuanceId: 'i', badgeId: 'b' })),
    ).toBeUndefined();
    // The web app follows an NFT request by its id: without one the message is useless to it.
    expect(toLiveMessage(domainEvent('nft.request_updated', 'u1', { level: 1 }))).toBeUndefined();
  });
});
