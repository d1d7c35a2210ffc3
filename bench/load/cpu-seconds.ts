import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** Fields of /proc/<pid>/stat after the command name, which is in parentheses and may hold spaces. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

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
