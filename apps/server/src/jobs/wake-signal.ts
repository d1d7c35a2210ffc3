/**
 * "There is work now": services that enqueue call `wake()`, a worker started later `listen`s.
 * Made once by the composition root and passed in at construction, so nothing is patched in
 * afterwards; with no listener (an API-only instance) a wake is a no-op.
 */
export interface WakeSignal {
  wake: () => void;
  /** Calls `listener` on every wake until the returned function is called. */
  listen: (listener: () => void) => () => void;
}

export function createWakeSignal(): WakeSignal {
  const listeners = new Set<() => void>();
  return {
    wake: () => listeners.forEach((listener) => listener()),
    listen(listener) {
      const own = () => listener();
      listeners.add(own);
      return () => listeners.delete(own);
    },
  };
}
