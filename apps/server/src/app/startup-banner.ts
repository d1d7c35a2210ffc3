import { join } from 'node:path';
import type { AppConfig } from '../config/app-config.ts';
import { SECRETS_FILE } from '../config/data-secrets.ts';
import type { AppContext } from './app-context.ts';

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
  /** Server processes sharing the port; shown when more than one. */
  processes?: number;
}

/** The URL to open: a wildcard or loopback listen address reads as localhost. */
export function openUrl(host: string, port: number): string {
  return `http://${['0.0.0.0', '127.0.0.1', '::', '::1'].includes(host) ? 'localhost' : host}:${port}`;
}

/** Where Solana is reached, for the banner. */
export function describeSolana(ctx: Pick<AppContext, 'chain' | 'config'>): string {
  const local = ctx.chain.bundledValidator;
  return local
    ? `local validator at ${local.url} (test network; wallets can use it as a custom RPC)`
    : `${ctx.config.SOLANA_RPC_URLS?.length ?? 0} RPC endpoint(s)`;
}

export function renderStartupBanner(info: BannerInfo): string {
  const { url, config, admin } = info;
  const lines = [
    '',
    'Insignia is running.',
    `  Open            ${url}`,
    `  Admin console   ${url}/admin`,
    `  API docs        ${url}/api/docs`,
    `  Database        ${info.database === 'pglite' ? `embedded PGlite in ${join(config.dataDir, 'pg')}` : 'PostgreSQL'}`,
    ...(info.processes && info.processes > 1
      ? [`  Processes       ${info.processes}, sharing the port and the queues`]
      : []),
    `  Solana          ${info.solana}`,
    `  Data directory  ${config.dataDir}`,
  ];
  if (admin.generatedPassword) {
    lines.push(
      '',
      `  Admin account created. Log in at ${url}/admin with`,
      `    email     ${admin.email}`,
      `    password  ${admin.generatedPassword}`,
      '  This password is shown only this once: change it in the console under "Your account".',
    );
  } else {
    lines.push(`  Admin login     ${admin.email}${admin.created ? ' (password from ADMIN_PASSWORD)' : ''}`);
  }
  // The embedded database allows one process: the command cannot open it while the server runs.
  const when = info.database === 'pglite' ? 'stop the server, then run' : 'run';
  lines.push(`  Lost password?  ${when}: ${resetCommand(config)} ${admin.email}`);
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

/** The recovery command for this install: the production build has its own script. */
export function resetCommand(config: Pick<AppConfig, 'NODE_ENV'>): string {
  return `npm run ${config.NODE_ENV === 'production' ? 'admin:prod' : 'admin'} -- reset-password`;
}
