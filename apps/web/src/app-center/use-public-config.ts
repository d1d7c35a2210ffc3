import { useEffect, useState } from 'react';
import type { ApiClient } from '../api/client.ts';
import type { PublicConfig } from '../api/schemas.ts';

/** `GET /api/config/public`, or null until it arrives (or if it cannot be loaded). */
export function usePublicConfig(api: ApiClient): PublicConfig | null {
  const [config, setConfig] = useState<PublicConfig | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    api.getPublicConfig(controller.signal).then(setConfig, () => undefined);
    return () => controller.abort();
  }, [api]);
  return config;
}
