import { describe, expect, it } from 'vitest';
import { resolveAppConfig } from '../config/app-config.ts';
import { generateDataSecrets } from '../config/data-secrets.ts';
import { loadEnvConfig } from '../config/load-config.ts';
import { renderStartupBanner } from './startup-banner.ts';

const secrets = { ...generateDataSecrets(), ingestApiKey: 'ik_generated-ingest-key-0001' };

function banner(nodeEnv: 'development' | 'production', processes?: number) {
  const config = resolveAppConfig(loadEnvConfig({ NODE_ENV: nodeEnv, DATA_DIR: 'banner-data' }), secrets);
  return renderStartupBanner({
    url: 'http://localhost:3000',
    config,
    database: 'postgres',
    solana: '1 RPC endpoint(s)',
    admin: { created: false, email: 'admin@insignia.local' },
    ingestKeyCreated: true,
    ...(processes === undefined ? {} : { processes }),
  });
}

describe('startup banner', () => {
  it('shows a freshly generated ingest key on a development terminal', () => {
    expect(banner('development')).toContain(secrets.ingestApiKey);
  });

  it('never prints the ingest key in production; it names the secrets file instead', () => {
    const text = banner('production');
    expect(text).not.toContain(secrets.ingestApiKey);
    expect(text).toMatch(/Secrets file .*secrets\.json \(ingest API key/);
  });

  it('says how many processes serve when there are several, and nothing when one does', () => {
    expect(banner('production', 4)).toMatch(/^ {2}Processes {7}4, sharing the port and the queues$/m);
    expect(banner('production', 1)).not.toContain('Processes');
    expect(banner('production')).not.toContain('Processes');
  });
});
