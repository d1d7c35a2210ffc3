const SEMI_SPACE_FLAG = '--max-semi-space-size';

/**
 * The node flags a forked server process starts with: the primary's own (a loader such as tsx
 * must reach it too), with V8's semi-space set to `semiSpaceMb` (0 leaves whatever was there).
 */
export function serverExecArgv(primaryArgv: readonly string[], semiSpaceMb: number): string[] {
  if (semiSpaceMb === 0) return [...primaryArgv];
  // `--flag=value` and `--flag value` alike: ours replaces it.
  const kept: string[] = [];
  let valueOfOld = false;
  for (const arg of primaryArgv) {
    if (valueOfOld) valueOfOld = false;
    else if (arg === SEMI_SPACE_FLAG) valueOfOld = true;
    else if (!arg.startsWith(`${SEMI_SPACE_FLAG}=`)) kept.push(arg);
  }
  return [...kept, `${SEMI_SPACE_FLAG}=${semiSpaceMb}`];
}
