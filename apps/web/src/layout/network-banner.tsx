import { useEffect, useState } from 'react';
import type { PublicConfig } from '../api/schemas.ts';
import { useAuth } from '../auth/auth-context.tsx';

/** Warns, on every page, when this deployment runs on the bundled local validator. */
export function NetworkBanner() {
  const { api } = useAuth();
  const [config, setConfig] = useState<PublicConfig | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    api.getPublicConfig(controller.signal).then(setConfig, (error: unknown) => {
      // The banner is informational; the pages themselves report an unreachable server.
      if (!controller.signal.aborted) console.warn('Could not load /api/config/public', error);
    });
    return () => controller.abort();
  }, [api]);

  if (!config?.localValidator) return null;
  return (
    <div className="network-banner" role="note">
      <strong>Running on the local validator (test network):</strong> tokens here have no value.
    </div>
  );
}
