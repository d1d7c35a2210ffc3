import { QueryClient } from '@tanstack/react-query';

/**
 * The app's one query cache. Defaults keep what the hand-made loaders did before: an error is
 * shown at once (the API client already words it for a person; no silent retries first), and
 * a query runs even when the browser thinks it is offline, so the person sees why it failed.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, networkMode: 'always' },
      mutations: { retry: false, networkMode: 'always' },
    },
  });
}
