/** Minimal logger the validator reports through (console and pino both fit). */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** A logger that drops everything: the default, so a library user is never spammed. */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
