import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { openCore, type Core } from '../app/open-core.ts';
import { createPasswordHasher } from '../auth/password.ts';
import { createPasswordChangeService } from '../auth/password-change-service.ts';
import { endSessions } from '../auth/session-queries.ts';
import { SESSIONS_CHANNEL, type SessionsEnded } from '../auth/session-service.ts';
import { listAdminEmails } from '../auth/user-queries.ts';
import { loadEnvConfig } from '../config/load-config.ts';
import { secureDataDir } from '../config/secure-data-dir.ts';
import type { Database } from '../db/database.ts';
import { isAppError } from '../errors/app-error.ts';
import { adminCliHelp } from './admin-cli-help.ts';

export interface AdminCliOptions {
  env?: NodeJS.ProcessEnv;
  /** Where results go (stdout) and problems (stderr). */
  out?: (text: string) => void;
  err?: (text: string) => void;
  /** A database already open (tests); left open afterwards. */
  database?: Database;
}

/** `npm run admin -- <command>`: resolves with the exit code (0 done, 1 failed, 2 usage). */
export async function runAdminCli(args: string[], options: AdminCliOptions = {}): Promise<number> {
  const out = options.out ?? ((t: string) => void process.stdout.write(`${t}\n`));
  const err = options.err ?? ((t: string) => void process.stderr.write(`${t}\n`));
  const [command, ...rest] = args;
  if (command === undefined || ['help', '--help', '-h'].includes(command)) {
    out(adminCliHelp);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'reset-password') {
    err(`Unknown command "${command}". Run npm run admin -- --help to see the commands.`);
    return 2;
  }
  const [email, ...extra] = rest;
  if (!email || extra.length > 0 || email.startsWith('-')) {
    err('usage: npm run admin -- reset-password EMAIL');
    return 2;
  }

  let core: Core;
  try {
    core = await open(options);
  } catch (e) {
    err(describeOpenFailure(e));
    return 1;
  }
  try {
    const env = loadEnvConfig(options.env ?? process.env);
    const service = createPasswordChangeService({
      db: core.database.db,
      passwords: createPasswordHasher({ log2N: env.PASSWORD_HASH_LOG2_N, r: 8, p: 1 }),
      sessions: {
        async endOthers(userId) {
          const ended = await endSessions(core.database.db, { userId }, 'revoked');
          // Instances sharing Redis drop the ended sessions at once (without it, within seconds).
          const message: SessionsEnded = { userId, sessionIds: 'all' };
          await core.redis?.publish(SESSIONS_CHANNEL, JSON.stringify(message)).catch(() => undefined);
          return ended.length;
        },
      },
    });
    const reset = await service.resetPassword(email);
    if (!reset) {
      const admins = await listAdminEmails(core.database.db);
      err(`No account with a password has the email ${email}.`);
      err(admins.length ? `Admin accounts: ${admins.join(', ')}` : 'There is no admin account yet.');
      return 1;
    }
    out(
      `New password for ${reset.email} (${reset.role === 'admin' ? 'admin' : 'trader'}), shown only this once:`,
    );
    out('');
    out(`    ${reset.password}`);
    out('');
    const n = reset.endedSessions;
    out(
      `${n === 0 ? 'It had no open sessions.' : `Signed out everywhere (${n} session${n === 1 ? '' : 's'} ended).`} ` +
        'Log in with it, then choose your own under "Your account".',
    );
    return 0;
  } finally {
    if (options.database) core.redis?.disconnect();
    else await core.close();
  }
}

/** The database and Redis the way the server opens them; the embedded one only if it exists. */
async function open(options: AdminCliOptions): Promise<Core> {
  const env = loadEnvConfig(options.env ?? process.env);
  const logger = pino({ level: 'warn' });
  if (options.database) return openCore(env, logger, { database: options.database });
  if (!env.DATABASE_URL) {
    const dir = join(resolve(env.DATA_DIR), 'pg');
    if (!existsSync(dir))
      throw new Error(
        `There is no Insignia database in DATA_DIR=${env.DATA_DIR}. Run this from the folder you start the server in, with the same DATA_DIR (or DATABASE_URL).`,
      );
    // An embedded database lives in the data dir, which stays the server user's alone.
    await secureDataDir(env.DATA_DIR);
  }
  const core = await openCore(env, logger);
  await core.database.migrate();
  return core;
}

function describeOpenFailure(e: unknown): string {
  // Taken by the running server: the embedded database allows one process at a time.
  if (isAppError(e, 'CONFIG__DATA_DIR') && !e.context.errno)
    return `The database is in use by the running server: stop the server first, then run this again.\n(${e.message})`;
  return e instanceof Error ? e.message : String(e);
}
