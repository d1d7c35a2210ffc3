import { runAdminCli } from './run-admin-cli.ts';

/** `npm run admin -- <command>`: operator commands (see admin-cli-help.ts). */
runAdminCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
