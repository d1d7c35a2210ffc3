import type { PublicUser } from '@insignia/contract';

export type WizardStep = 'badges' | 'recipients' | 'preview' | 'issue';
export const wizardSteps: ReadonlyArray<{ step: WizardStep; label: string }> = [
  { step: 'badges', label: 'Badges' },
  { step: 'recipients', label: 'Recipients' },
  { step: 'preview', label: 'Preview' },
  { step: 'issue', label: 'Sign and issue' },
];

/** What the admin has chosen so far; the server checks all of it again at preview and issue. */
export interface WizardState {
  step: WizardStep;
  badgeIds: string[];
  /** People picked by search. */
  users: Array<Pick<PublicUser, 'id' | 'email' | 'walletAddress'>>;
  /** Pasted or uploaded roster: emails or user ids, one per line, or a CSV. */
  rosterText: string;
  rosterFileName: string | null;
}

export type WizardAction =
  | { type: 'go'; step: WizardStep }
  | { type: 'toggleBadge'; id: string }
  | { type: 'addUser'; user: WizardState['users'][number] }
  | { type: 'removeUser'; id: string }
  | { type: 'setRoster'; text: string; fileName?: string | null }
  | { type: 'reset'; badgeIds?: string[] };

export const initialWizard = (badgeIds: string[] = []): WizardState => ({
  step: 'badges',
  badgeIds,
  users: [],
  rosterText: '',
  rosterFileName: null,
});

export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  switch (action.type) {
    case 'go':
      return { ...state, step: action.step };
    case 'toggleBadge':
      return {
        ...state,
        badgeIds: state.badgeIds.includes(action.id)
          ? state.badgeIds.filter((id) => id !== action.id)
          : [...state.badgeIds, action.id],
      };
    case 'addUser':
      return state.users.some((u) => u.id === action.user.id)
        ? state
        : { ...state, users: [...state.users, action.user] };
    case 'removeUser':
      return { ...state, users: state.users.filter((u) => u.id !== action.id) };
    case 'setRoster':
      return { ...state, rosterText: action.text, rosterFileName: action.fileName ?? null };
    case 'reset':
      return initialWizard(action.badgeIds);
  }
}

/** Rows in the pasted roster, not counting blank lines. */
export function rosterLineCount(text: string): number {
  return text.split(/\r?\n/).filter((line) => line.trim()).length;
}

/** The recipients part of the preview and issue requests. */
export function recipientsOf(state: WizardState) {
  return {
    ...(state.users.length > 0 ? { userIds: state.users.map((u) => u.id) } : {}),
    ...(state.rosterText.trim() ? { csv: state.rosterText } : {}),
  };
}

export const hasRecipients = (state: WizardState) =>
  state.users.length > 0 || state.rosterText.trim().length > 0;
