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

describe('startup banner: the admin console and a way back in', () => {
  const config = resolveAppConfig(
    loadEnvConfig({ NODE_ENV: 'development', DATA_DIR: 'banner-data' }),
    secrets,
  );
  const render = (admin: { created: boolean; generatedPassword?: string }, database = 'pglite') =>
    renderStartupBanner({
      url: 'http://localhost:3000',
      config,
      database,
      solana: 'local validator',
      admin: { email: 'admin@insignia.local', ...admin },
      ingestKeyCreated: false,
    });

  it('names the admin console on a line of its own', () => {
    expect(render({ created: false })).toMatch(/^ {2}Admin console {3}http:\/\/localhost:3000\/admin$/m);
  });

  it('prints a generated first password once, where to use it and how to change it', () => {
    const text = render({ created: true, generatedPassword: 'Gen3rated-Pass_01' });
    expect(text).toContain('Log in at http://localhost:3000/admin with');
    expect(text).toMatch(/^ {4}password {2}Gen3rated-Pass_01$/m);
    expect(text).toContain('change it in the console under "Your account"');
    expect(render({ created: false })).not.toContain('Gen3rated-Pass_01');
  });

  it('says how to recover a lost admin password, stopping the server first for the embedded database', () => {
    expect(render({ created: false })).toContain(
      'Lost password?  stop the server, then run: npm run admin -- reset-password admin@insignia.local',
    );
    expect(render({ created: false }, 'postgres')).toContain(
      'Lost password?  run: npm run admin -- reset-password admin@insignia.local',
    );
    const production = resolveAppConfig(loadEnvConfig({ NODE_ENV: 'production', DATA_DIR: 'd' }), secrets);
    const text = renderStartupBanner({
      url: 'https://loyalty.example',
      config: production,
      database: 'postgres',
      solana: '1 RPC endpoint(s)',
      admin: { created: false, email: 'ops@example.com' },
      ingestKeyCreated: false,
    });
    expect(text).toContain('run: npm run admin:prod -- reset-password ops@example.com');
  });
});
