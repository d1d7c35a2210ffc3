import type { NftFlow } from './nft-flow.ts';

/**
 * One crash: the flow a person runs and where the server dies (a `crashPoint` name, see
 * apps/server/src/jobs/crash-point.ts). `thenAt` crashes the restarted server again, while it
 * recovers that same request. `afterMs` instead kills the process from outside, that long after
 * the submit call starts, wherever it happens to be.
 */
export interface CrashCase {
  flow: NftFlow;
  at?: string;
  thenAt?: string;
  afterMs?: number;
}

const userSigned = [
  'nft.request.created',
  'nft.commit.submitted.before',
  'nft.commit.submitted.after',
  'nft.send.user.after',
  'nft.commit.confirmed.before',
  'nft.commit.confirmed.after',
];
/** The server's own mint after the burn (two-step mode). */
const serverMint = [
  'nft.commit.mint_sent.before',
  'nft.commit.mint_sent.after',
  'nft.send.mint.after',
  'nft.commit.mint_confirmed.before',
  'nft.commit.mint_confirmed.after',
];

export const crashPointsOf = (flow: NftFlow): string[] =>
  flow === 'two_step' ? [...userSigned, ...serverMint] : userSigned;

/** A representative subset for CI: each kind of step (send, commit) on each side of it. */
const fast: CrashCase[] = [
  { flow: 'unlock', at: 'nft.commit.submitted.before' },
  { flow: 'unlock', at: 'nft.send.user.after' },
  { flow: 'atomic', at: 'nft.commit.submitted.after' },
  { flow: 'atomic', at: 'nft.commit.confirmed.before' },
  { flow: 'two_step', at: 'nft.commit.confirmed.after' },
  { flow: 'two_step', at: 'nft.commit.mint_sent.after' },
  { flow: 'two_step', at: 'nft.send.mint.after' },
  { flow: 'two_step', at: 'nft.send.user.after', thenAt: 'nft.commit.mint_confirmed.before' },
];

/** Every point of every flow, crashes during recovery, and kills at arbitrary moments. */
function long(): CrashCase[] {
  const flows: NftFlow[] = ['unlock', 'atomic', 'two_step'];
  const every = flows.flatMap((flow) => crashPointsOf(flow).map((at) => ({ flow, at })));
  const twice: CrashCase[] = [
    { flow: 'unlock', at: 'nft.send.user.after', thenAt: 'nft.commit.confirmed.before' },
    { flow: 'atomic', at: 'nft.commit.submitted.after', thenAt: 'nft.commit.confirmed.after' },
    { flow: 'two_step', at: 'nft.commit.confirmed.before', thenAt: 'nft.commit.confirmed.after' },
    { flow: 'two_step', at: 'nft.commit.mint_sent.after', thenAt: 'nft.commit.mint_confirmed.after' },
  ];
  const anywhere = flows.flatMap((flow) => [150, 600, 1_500].map((afterMs) => ({ flow, afterMs })));
  return [...every, ...twice, ...anywhere];
}

export function crashCases(longVariant: boolean): CrashCase[] {
  return longVariant ? long() : fast;
}

export const describeCase = (c: CrashCase): string =>
  `${c.flow} ${c.at ? `at ${c.at}` : `killed ${c.afterMs} ms into submit`}${c.thenAt ? `, then at ${c.thenAt}` : ''}`;
