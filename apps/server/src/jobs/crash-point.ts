import { writeSync } from 'node:fs';

let hits = 0;
/** Read once: a process is started with it (reading the environment costs a call into C++). */
const target = process.env.INSIGNIA_CRASH_AT;

/**
 * TEST-ONLY crash hook for the crash-matrix suite (`proof/crash-matrix.test.ts`). When the
 * environment variable `INSIGNIA_CRASH_AT` names this point, the process kills itself with
 * SIGKILL right here, as a power cut would: no finally blocks, no graceful shutdown. With the
 * variable unset (always, outside that suite) it returns at once and changes nothing.
 *
 * `INSIGNIA_CRASH_AT` is `name`, optionally followed by `@key` (only calls passing that key, e.g.
 * one user's id, count) and `#n` (crash on the n-th matching call instead of the first).
 */
export function crashPoint(name: string, key?: string): void {
  if (!target) return;
  const match = /^([^@#]+)(?:@([^#]+))?(?:#(\d+))?$/.exec(target);
  if (!match || match[1] !== name || (match[2] !== undefined && match[2] !== key)) return;
  hits += 1;
  if (hits < Number(match[3] ?? 1)) return;
  // Synchronous, so the line is out before the process is gone.
  writeSync(2, `INSIGNIA_CRASH_AT reached: ${target}\n`);
  process.kill(process.pid, 'SIGKILL');
}
