import type { Credentials, PublicUser } from '@insignia/contract';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { isApiError } from '../api/api-error.ts';
import { createApiClient, type ApiClient } from '../api/client.ts';
import { tokenStore } from '../api/token-store.ts';

/**
 * Where the session stands. `expired` tells the login page to say why the person is there;
 * `loggedOut` that they chose to leave (so the login does not send them back where they were).
 */
export type AuthState =
  | { status: 'loading' }
  | { status: 'signed-out'; expired: boolean; loggedOut?: boolean }
  | { status: 'signed-in'; user: PublicUser }
  | { status: 'unavailable'; message: string };

export interface Auth {
  state: AuthState;
  api: ApiClient;
  login: (credentials: Credentials) => Promise<void>;
  register: (credentials: Credentials) => Promise<void>;
  logout: () => void;
  /** Replace the signed-in user after a change the server confirmed (e.g. a linked wallet). */
  updateUser: (user: PublicUser) => void;
  /** Try again to restore the stored session after the server could not be reached. */
  retry: () => void;
}

const AuthContext = createContext<Auth | null>(null);

/**
 * Holds the session: restores it from the stored token, and signs out on any 401. Whenever the
 * session changes, the query cache is emptied, so one person never sees another's data.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setSessionState] = useState<AuthState>(() =>
    tokenStore.get() ? { status: 'loading' } : { status: 'signed-out', expired: false },
  );
  const [attempt, setAttempt] = useState(0);

  // A new session or none: nothing cached belongs to it. (Updating the same user keeps the cache.)
  const setState = useCallback(
    (next: AuthState) => {
      if (next.status !== 'signed-in') queryClient.clear();
      setSessionState(next);
    },
    [queryClient],
  );

  const [api] = useState(() =>
    createApiClient({
      getToken: tokenStore.get,
      onUnauthorized: () => {
        tokenStore.clear();
        setState({ status: 'signed-out', expired: true });
      },
    }),
  );

  useEffect(() => {
    if (!tokenStore.get()) return;
    const controller = new AbortController();
    api.getMe(controller.signal).then(
      ({ user }) => setState({ status: 'signed-in', user }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (isApiError(error) && error.status === 401) return; // onUnauthorized handled it
        const message = isApiError(error) ? error.message : 'Could not restore your session.';
        setState({ status: 'unavailable', message });
      },
    );
    return () => controller.abort();
  }, [api, attempt, setState]);

  // Logging out (or in) in another tab applies here too.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key !== tokenStore.key) return;
      if (event.newValue === null) setState({ status: 'signed-out', expired: false });
      else {
        setState({ status: 'loading' });
        setAttempt((n) => n + 1);
      }
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [setState]);

  const startSession = useCallback(
    (token: string, user: PublicUser) => {
      tokenStore.set(token);
      queryClient.clear();
      setState({ status: 'signed-in', user });
    },
    [queryClient, setState],
  );

  const auth = useMemo<Auth>(
    () => ({
      state,
      api,
      login: async (credentials) => {
        const { token, user } = await api.login(credentials);
        startSession(token, user);
      },
      register: async (credentials) => {
        const { token, user } = await api.register(credentials);
        startSession(token, user);
      },
      logout: () => {
        const token = tokenStore.get();
        tokenStore.clear();
        setState({ status: 'signed-out', expired: false, loggedOut: true });
        // End the session on the server too, so a copy of the token is worthless. Best effort:
        // the person is signed out here either way.
        if (token) void api.logout(token).catch(() => undefined);
      },
      updateUser: (user) => setState({ status: 'signed-in', user }),
      retry: () => {
        setState({ status: 'loading' });
        setAttempt((n) => n + 1);
      },
    }),
    [state, api, startSession, setState],
  );

  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
}

/** The session and API client. Only valid under {@link AuthProvider}. */
export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth must be used inside <AuthProvider>');
  return auth;
}

/** The signed-in user. Only valid under {@link RequireAuth}. */
export function useCurrentUser(): PublicUser {
  const { state } = useAuth();
  if (state.status !== 'signed-in') throw new Error('useCurrentUser needs a signed-in session');
  return state.user;
}
