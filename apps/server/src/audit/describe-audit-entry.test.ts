import { describe, expect, it } from 'vitest';
import { describeAuditEntry, type AuditRow } from './describe-audit-entry.ts';

const base: AuditRow = {
  id: 'a:1',
  at_text: '2026-12-01T10:00:00.000000Z',
  action: '',
  category: 'level',
  actor_id: 'admin-id',
  actor_email: 'admin@x.test',
  actor_role: 'admin',
  user_id: null,
  person_email: null,
  badge_id: null,
  badge_name: null,
  level: null,
  level_name: null,
  issuance_id: null,
  claim_id: null,
  request_id: null,
  tx: null,
  outcome: 'ok',
  error: null,
  details: null,
};
const row = (r: Partial<AuditRow>): AuditRow => ({ ...base, ...r });
const level = { name: 'Gold', minVolumeUsd: '10000', benefits: ['A'], imageUri: null, requiredBadgeIds: [] };

describe('audit sentences', () => {
  it('names what a level edit changed, in dollars, with the name it had', () => {
    expect(
      describeAuditEntry(
        row({
          action: 'level.updated',
          level: 3,
          level_name: 'Platinum',
          details: { before: level, after: { ...level, name: 'Platinum', minVolumeUsd: '12000' } },
        }),
      ),
    ).toBe('admin@x.test changed Level 3 Gold: name Gold → Platinum; minimum volume $10,000 → $12,000');
    expect(
      describeAuditEntry(
        row({ action: 'level.updated', level: 3, details: { before: level, after: level } }),
      ),
    ).toBe('admin@x.test saved Level 3 Gold without changes');
    expect(describeAuditEntry(row({ action: 'level.deleted', level: 6, details: { before: level } }))).toBe(
      'admin@x.test removed Level 6 Gold',
    );
  });

  it('says who unlocked or upgraded, with a short transaction', () => {
    const nft = row({
      category: 'unlock',
      action: 'unlock.completed',
      actor_id: 'ana-id',
      actor_email: 'ana@x.test',
      actor_role: 'user',
      user_id: 'ana-id',
      person_email: 'ana@x.test',
      level: 1,
      level_name: 'Bronze',
      tx: '3xYzabcdefghijklmnopqrstuvwxyz9Qk',
      details: { kind: 'unlock', toStatus: 'completed' },
    });
    expect(describeAuditEntry(nft)).toBe('ana@x.test unlocked Level 1 Bronze (tx 3xYzab…z9Qk)');
    expect(
      describeAuditEntry({
        ...nft,
        category: 'upgrade',
        level: 2,
        level_name: 'Silver',
        details: { kind: 'upgrade', fromLevel: 1, toStatus: 'completed' },
      }),
    ).toBe('ana@x.test upgraded from Level 1 to Level 2 Silver (tx 3xYzab…z9Qk)');
    expect(
      describeAuditEntry({
        ...nft,
        category: 'compensation',
        action: 'compensation.compensated',
        actor_id: 'admin-id',
        actor_email: 'admin@x.test',
        details: { kind: 'upgrade', toStatus: 'compensated', note: 'Minted by hand' },
      }),
    ).toBe("admin@x.test marked ana@x.test's upgrade to Level 1 Bronze as compensated: Minted by hand");
  });

  it('names the badge and the person of issuances and claims', () => {
    const issued = row({
      category: 'issuance',
      action: 'issuance.issued',
      actor_id: null,
      actor_email: null,
      user_id: 'bob-id',
      person_email: 'bob@x.test',
      badge_id: 'b',
      badge_name: 'Early trader',
      details: { after: { destination: 'vault' } },
    });
    expect(describeAuditEntry(issued)).toBe("Badge 'Early trader' issued to bob@x.test, held in the vault");
    expect(
      describeAuditEntry({
        ...issued,
        category: 'claim',
        action: 'claim.rejected',
        actor_id: 'admin-id',
        actor_email: 'admin@x.test',
        details: { after: { reason: 'Under review' } },
      }),
    ).toBe("admin@x.test declined bob@x.test's claim of badge 'Early trader': Under review");
    expect(describeAuditEntry({ ...issued, action: 'issuance.something_new' })).toBe(
      "The system: issuance something new (badge 'Early trader', bob@x.test)",
    );
  });

  it('reads sign-ins and account changes', () => {
    expect(describeAuditEntry(row({ category: 'sign_in', action: 'admin.signed_in' }))).toBe(
      'admin@x.test signed in to the console',
    );
    expect(describeAuditEntry(row({ category: 'account', action: 'account.password_changed' }))).toBe(
      'admin@x.test changed their password',
    );
  });
});
