import { join } from 'node:path';
import type { AppConfig } from '../config/app-config.ts';
import { SECRETS_FILE } from '../config/data-secrets.ts';

/**
 * The few lines a person needs after `npm start`: where to open the app and how to log in.
 * Written to stdout directly, not the log stream, so it stays readable.
 */
export function printStartupBanner(info: BannerInfo): void {
  process.stdout.write(renderStartupBanner(info));
}

export interface BannerInfo {
  url: string;
  config: AppConfig;
  database: string;
  /** Where Solana is reached: the bundled validator's URL, or the configured endpoints. */
  solana: string;
  admin: { created: boolean; email: string; generatedPassword?: string | undefined };
  ingestKeyCreated: boolean;
}

export function renderStartupBanner(info: BannerInfo): string {
  const { url, config, admin } = info;
  const lines = [
    '',
    'Insignia is running.',
    `  Open            ${url}`,
    `  API docs        ${url}/api/docs`,
    `  Database        ${info.database === 'pglite' ? `embedded PGlite in ${join(config.dataDir, 'pg')}` : 'PostgreSQL'}`,
    `  Solana          ${info.solana}`,
    `  Data directory  ${config.dataDir}`,
  ];
  if (admin.generatedPassword) {
    lines.push(
      '',
      '  Admin account created. Log in with (shown this once; change it or keep it safe):',
      `    email     ${admin.email}`,
      `    password  ${admin.generatedPassword}`,
    );
  } else {
    lines.push(`  Admin login     ${admin.email}${admin.created ? ' (password from ADMIN_PASSWORD)' : ''}`);
  }
  // A production terminal's output ends up in log collectors: there the key stays in the file.
  if (info.ingestKeyCreated && config.NODE_ENV !== 'production') {
    lines.push('', `  Trade ingestion API key (header x-api-key): ${config.ingestApiKey}`);
  }
  lines.push(
    `  Secrets file    ${join(config.dataDir, SECRETS_FILE)} (ingest API key and signing secrets)`,
    '',
  );
  return `${lines.join('\n')}\n`;
}
