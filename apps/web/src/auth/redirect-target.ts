import type { Role } from '@insignia/contract';

/** Router state passed to /login so it can return the person where they were going. */
export interface LoginRedirectState {
  from?: string;
}

/** Where a signed-in person starts: admins in the console, traders in their Personal Center. */
export function homeFor(role: Role): string {
  return role === 'admin' ? '/admin' : '/app';
}

/**
 * Where to go after logging in: back where the person was headed (never off-site), else their
 * own start page.
 */
export function redirectTarget(state: unknown, role: Role): string {
  const from = (state as LoginRedirectState | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : homeFor(role);
}
