const TOKEN_KEY = 'insignia.token';

/**
 * The session token (JWT), kept in localStorage so a reload keeps the person logged in. Arrow
 * functions, so `tokenStore.get` can be handed around as a callback.
 */
export const tokenStore = {
  key: TOKEN_KEY,
  get: (): string | null => {
    try {
      return localStorage.getItem(TOKEN_KEY);
    } catch {
      return null; // storage disabled (privacy mode): behave as logged out
    }
  },
  set: (token: string): void => {
    localStorage.setItem(TOKEN_KEY, token);
  },
  clear: (): void => {
    try {
      localStorage.removeItem(TOKEN_KEY);
    } catch {
      // nothing stored
    }
  },
};
