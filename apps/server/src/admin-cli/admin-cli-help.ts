/** What `npm run admin -- --help` prints. */
export const adminCliHelp = `Insignia admin commands

usage: npm run admin -- <command>          (a production build: npm run admin:prod -- <command>)

commands:
  reset-password EMAIL   Give the account with this email a new password, made up here and
                         printed once, and sign it out everywhere. For a lost admin password.
                         With the embedded database (no DATABASE_URL), stop the server first.
  help                   Show this text.

The commands read the same settings as the server (DATA_DIR, DATABASE_URL, REDIS_URL, ...):
run them from the same folder and with the same environment as the server.
`;
