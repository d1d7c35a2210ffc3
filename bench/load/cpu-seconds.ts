import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * A process's or thread's /proc stat file: its command name, which is in parentheses and may
 * hold spaces, and the fields after it; undefined once it has ended (or with no /proc).
 */
function readStat(path: string): { name: string; fields: string[] } | undefined {
  try {
    const stat = readFileSync(path, 'utf8');
    const close = stat.lastIndexOf(')');
    return { name: stat.slice(stat.indexOf('(') + 1, close), fields: stat.slice(close + 2).split(' ') };
  } catch {
    return undefined;
  }
}

const statFields = (pid: number) => readStat(`/proc/${pid}/stat`)?.fields;

/**
 * CPU seconds (user + system) a process has used so far, from /proc; undefined where there is
 * no /proc. Tells whether the server or the load generator ran out of CPU first.
 */
export function cpuSecondsOf(pid: number): number | undefined {
  const fields = statFields(pid);
  return fields && (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** The live children of a process (every thread's), from /proc. */
function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

/**
 * A process and everything under it (a server's cluster workers): CPU seconds used so far by
 * all of them, those that already exited and were reaped included (the parent's cutime and
 * cstime hold theirs), and how many node processes run now. Undefined where there is no /proc.
 */
export function processTreeCpu(pid: number): { seconds: number; nodeProcesses: number } | undefined {
  const fields = statFields(pid);
  if (!fields) return undefined;
  let ticks = 0;
  let nodeProcesses = 0;
  const visit = (p: number) => {
    const f = p === pid ? fields : statFields(p);
    if (!f) return; // exited meanwhile: its parent's cutime/cstime count it once reaped
    ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    if (readComm(p) === 'node') nodeProcesses++;
    for (const child of childrenOf(p)) visit(child);
  };
  visit(pid);
  return { seconds: ticks / TICKS_PER_SECOND, nodeProcesses };
}

function readComm(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/** CPU seconds this process has used so far. */
export function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/**
 * CPU seconds (user, system) so far of each thread of a process, summed by thread name: the
 * main thread (named like the process) against V8's GC and compiler threads and libuv's pool.
 */
export function threadCpuOf(pid: number): Map<string, { user: number; system: number }> {
  const byName = new Map<string, { user: number; system: number }>();
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return byName;
  }
  for (const task of tasks) {
    const stat = readStat(`/proc/${pid}/task/${task}/stat`);
    if (!stat) continue; // the thread ended meanwhile
    const name = task === String(pid) ? 'main' : stat.name;
    const sum = byName.get(name) ?? { user: 0, system: 0 };
    sum.user += Number(stat.fields[11]) / TICKS_PER_SECOND;
    sum.system += Number(stat.fields[12]) / TICKS_PER_SECOND;
    byName.set(name, sum);
  }
  return byName;
}

/**
 * CPU seconds used so far by every live process named `comm` (e.g. `postgres`: its backends
 * come and go, so a figure over a window undercounts those that exited within it).
 */
export function commandCpuSeconds(comm: string): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    const stat = /^\d+$/.test(entry) ? readStat(`/proc/${entry}/stat`) : undefined;
    if (stat?.name === comm) ticks += Number(stat.fields[11]) + Number(stat.fields[12]);
  }
  return ticks / TICKS_PER_SECOND;
}
