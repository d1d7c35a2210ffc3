/** Router state passed to /login so it can return the person where they were going. */
export interface LoginRedirectState {
  from?: string;
}

/** Where to go after logging in: back where the person was headed, never off-site. */
export function redirectTarget(state: unknown): string {
  const from = (state as LoginRedirectState | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : '/app';
}
