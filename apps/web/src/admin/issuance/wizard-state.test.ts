import { describe, expect, it } from 'vitest';
import {
  hasRecipients,
  initialWizard,
  recipientsOf,
  rosterLineCount,
  wizardReducer,
} from './wizard-state.ts';

describe('issuance wizard state', () => {
  const user = { id: '7d1c1f0e-4d8c-4a8e-9a3b-0e8b8d1f2a11', email: 'ana@example.com', walletAddress: null };

  it('toggles badges and adds each picked user once', () => {
    let s = initialWizard(['b1']);
    s = wizardReducer(s, { type: 'toggleBadge', id: 'b2' });
    s = wizardReducer(s, { type: 'toggleBadge', id: 'b1' });
    expect(s.badgeIds).toEqual(['b2']);
    s = wizardReducer(s, { type: 'addUser', user });
    s = wizardReducer(s, { type: 'addUser', user });
    expect(s.users).toHaveLength(1);
    s = wizardReducer(s, { type: 'removeUser', id: user.id });
    expect(hasRecipients(s)).toBe(false);
  });

  it('sends picked users as ids and the pasted roster as CSV', () => {
    let s = wizardReducer(initialWizard(), { type: 'addUser', user });
    expect(recipientsOf(s)).toEqual({ userIds: [user.id] });
    s = wizardReducer(s, { type: 'setRoster', text: 'email\nben@example.com\n\n', fileName: 'r.csv' });
    expect(recipientsOf(s)).toEqual({ userIds: [user.id], csv: 'email\nben@example.com\n\n' });
    expect(rosterLineCount(s.rosterText)).toBe(2);
    expect(s.rosterFileName).toBe('r.csv');
    expect(wizardReducer(s, { type: 'reset' })).toEqual(initialWizard());
  });
});
