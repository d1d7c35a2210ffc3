import { describe, expect, it } from 'vitest';
import { serverExecArgv } from './server-exec-argv.ts';

describe('the node flags of a forked server process', () => {
  it("keeps the primary's flags and sets the semi-space once, replacing one given before", () => {
    expect(serverExecArgv(['--import', 'tsx'], 32)).toEqual(['--import', 'tsx', '--max-semi-space-size=32']);
    expect(serverExecArgv(['--max-semi-space-size=8', '--import', 'tsx'], 64)).toEqual([
      '--import',
      'tsx',
      '--max-semi-space-size=64',
    ]);
    expect(serverExecArgv(['--max-semi-space-size', '8', '--cpu-prof'], 32)).toEqual([
      '--cpu-prof',
      '--max-semi-space-size=32',
    ]);
  });

  it("leaves V8's own size (and any flag given) when set to 0", () => {
    expect(serverExecArgv(['--max-semi-space-size=8'], 0)).toEqual(['--max-semi-space-size=8']);
    expect(serverExecArgv([], 0)).toEqual([]);
  });
});
