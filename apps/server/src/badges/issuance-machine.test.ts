import fc from 'fast-check';
import { signature, type Signature } from '@solana/kit';
import { describe, expect, it } from 'vitest';
import { badgeIssuanceStatuses } from './badges-schema.ts';
import { toIssuanceCounts, batchStatusFor } from './batch-progress.ts';
import {
  MAX_ISSUANCE_ATTEMPTS,
  terminalIssuanceStatuses,
  terminalIssuanceTransactionStatuses,
  transitionIssuance,
  transitionIssuanceTransaction,
  type IssuanceDestination,
  type IssuanceEvent,
  type IssuanceStatus,
  type IssuanceState,
  type IssuanceTransactionEvent,
  type IssuanceTransactionState,
} from './issuance-machine.ts';
import { issuanceColumns, toIssuanceState, toIssuanceTransactionState } from './issuance-state-rows.ts';
import { isAppError } from '../errors/app-error.ts';

/** What every machine throws for a step its status does not allow. */
const invalidTransition = expect.objectContaining({ code: 'STATE__INVALID_TRANSITION' });
const SIG: Signature = signature('1'.repeat(64));

const pending = (destination: IssuanceDestination = 'wallet'): IssuanceState => ({
  status: 'pending',
  destination,
  attempts: 0,
  lastError: null,
});

/**
 * Walks a machine: at each step `choices` picks one of the events the current state accepts
 * (any random sequence would rarely get far). Checks every refusal is the one coded error, and
 * returns every state passed.
 */
function walk<S, E>(
  start: S,
  choices: readonly number[],
  events: readonly E[],
  step: (s: S, e: E) => S,
): S[] {
  const seen = [start];
  let state = start;
  for (const choice of choices) {
    const next: S[] = [];
    for (const event of events) {
      try {
        next.push(step(state, event));
      } catch (e) {
        if (!isAppError(e, 'STATE__INVALID_TRANSITION')) throw e;
      }
    }
    const picked = next[choice % Math.max(next.length, 1)];
    if (picked === undefined) break;
    state = picked;
    seen.push(state);
  }
  return seen;
}

const choices = fc.array(fc.nat(), { minLength: 5, maxLength: 40, size: 'max' });
const RUNS = { numRuns: 300 };
const allIssuanceEvents = (message: string): IssuanceEvent[] => [
  { type: 'uploaded' },
  { type: 'upload_failed', message },
  { type: 'packed' },
  { type: 'minted', signature: SIG },
  { type: 'already_held' },
  { type: 'mint_failed', message },
  { type: 'mint_expired' },
  { type: 'retry' },
  { type: 'claim_requested' },
  { type: 'claim_completed' },
  { type: 'claim_returned' },
];
const destination = fc.constantFrom<IssuanceDestination>('wallet', 'vault', 'none');
/** Every state an issuance can reach, from any destination, by any sequence of events. */
const reachableIssuances = fc
  .tuple(destination, choices, fc.string({ minLength: 1 }))
  .map(([d, picks, message]) => walk(pending(d), picks, allIssuanceEvents(message), transitionIssuance));

/** Events only the workers send; the states they never move are the terminal ones. */
const workerEvents = new Set<IssuanceEvent['type']>([
  'uploaded',
  'upload_failed',
  'packed',
  'minted',
  'already_held',
  'mint_failed',
  'mint_expired',
]);

/** What must hold of a state's fields, whatever got it there. */
function checkIssuanceInvariants(s: IssuanceState): void {
  expect(s.attempts).toBeGreaterThanOrEqual(0);
  expect(s.attempts).toBeLessThanOrEqual(MAX_ISSUANCE_ATTEMPTS);
  switch (s.status) {
    case 'pending':
      expect(s.attempts).toBeLessThan(MAX_ISSUANCE_ATTEMPTS);
      break;
    case 'uploaded':
    case 'minting':
      expect(s.destination).not.toBe('none');
      expect(s.attempts).toBeLessThan(MAX_ISSUANCE_ATTEMPTS);
      break;
    case 'issued':
      if (s.destination === 'none') expect(s.mintSignature).toBeNull();
      else expect(s.destination).toBe('wallet');
      break;
    case 'in_vault':
    case 'claim_requested':
    case 'claimed':
      expect(s.destination).toBe('vault');
      expect(s.mintSignature).toBe(SIG);
      break;
    case 'failed':
      expect(s.attempts).toBe(MAX_ISSUANCE_ATTEMPTS);
      expect(s.lastError.length).toBeGreaterThan(0);
      if (s.destination === 'none') expect(s.hasPayload).toBe(false);
      break;
  }
}

/** A row holding `state`, as the store would have written it. */
function rowOf(state: IssuanceState) {
  const payload = state.status !== 'pending' && !(state.status === 'failed' && !state.hasPayload);
  return {
    id: 'i1',
    destination: state.destination,
    metadataCid: payload ? 'bafy' : null,
    ...issuanceColumns(state),
  };
}

describe('issuance state machine', () => {
  it('walks a wallet issuance from pending to issued, and a vault one to in_vault', () => {
    let s = transitionIssuance(pending(), { type: 'uploaded' });
    expect(s).toMatchObject({ status: 'uploaded' });
    s = transitionIssuance(s, { type: 'packed' });
    expect(transitionIssuance(s, { type: 'minted', signature: SIG })).toMatchObject({
      status: 'issued',
      mintSignature: SIG,
    });
    const vault = transitionIssuance(
      { status: 'minting', destination: 'vault', attempts: 0, lastError: null },
      {
        type: 'minted',
        signature: SIG,
      },
    );
    expect(vault).toMatchObject({ status: 'in_vault', mintSignature: SIG });
  });

  it('issues a database-only badge as soon as its payload is on IPFS, with no mint, and never packs it', () => {
    const s = transitionIssuance(pending('none'), { type: 'uploaded' });
    expect(s).toEqual({ status: 'issued', destination: 'none', attempts: 0, mintSignature: null });
    expect(() => transitionIssuance(s, { type: 'packed' })).toThrow(invalidTransition);
  });

  it('retries failed mints up to the limit, expiries for free; an admin retry starts over', () => {
    let s: IssuanceState = { status: 'minting', destination: 'wallet', attempts: 0, lastError: null };
    s = transitionIssuance(s, { type: 'mint_expired' });
    expect(s).toMatchObject({ status: 'uploaded', attempts: 0 });
    for (let i = 1; i <= MAX_ISSUANCE_ATTEMPTS; i++) {
      if (s.status === 'uploaded') s = transitionIssuance(s, { type: 'packed' });
      s = transitionIssuance(s, { type: 'mint_failed', message: 'no SOL' });
      expect(s.attempts).toBe(i);
    }
    expect(s).toMatchObject({ status: 'failed', lastError: 'no SOL', hasPayload: true });
    expect(transitionIssuance(s, { type: 'retry' })).toEqual({
      status: 'uploaded',
      destination: 'wallet',
      attempts: 0,
      lastError: null,
    });
    const noPayload: IssuanceState = {
      status: 'failed',
      destination: 'wallet',
      hasPayload: false,
      attempts: MAX_ISSUANCE_ATTEMPTS,
      lastError: 'ipfs down',
    };
    expect(transitionIssuance(noPayload, { type: 'retry' }).status).toBe('pending');
  });

  it('refuses what cannot happen: minting twice, retrying a success, "already held" for the vault', () => {
    const issued: IssuanceState = {
      status: 'issued',
      destination: 'wallet',
      attempts: 0,
      mintSignature: SIG,
    };
    expect(() => transitionIssuance(issued, { type: 'minted', signature: SIG })).toThrow(invalidTransition);
    expect(() => transitionIssuance(issued, { type: 'retry' })).toThrow(invalidTransition);
    expect(() =>
      transitionIssuance(
        { status: 'uploaded', destination: 'vault', attempts: 0, lastError: null },
        { type: 'already_held' },
      ),
    ).toThrow(invalidTransition);
  });

  it('property: terminal states refuse every worker event; issued and claimed refuse every event', () => {
    fc.assert(
      fc.property(reachableIssuances, (states) => {
        for (const s of states.filter((x) => terminalIssuanceStatuses.includes(x.status)))
          for (const event of allIssuanceEvents('boom'))
            if (workerEvents.has(event.type) || s.status === 'issued' || s.status === 'claimed')
              expect(() => transitionIssuance(s, event)).toThrow(invalidTransition);
      }),
      RUNS,
    );
  });

  it('property: attempts never pass the bound, and every reachable state keeps its fields true', () => {
    fc.assert(
      fc.property(reachableIssuances, (states) => {
        for (const s of states) checkIssuanceInvariants(s);
      }),
      RUNS,
    );
  });

  it('property: every reachable state survives the trip through its row unchanged', () => {
    fc.assert(
      fc.property(reachableIssuances, (states) => {
        for (const s of states) expect(toIssuanceState(rowOf(s))).toEqual(s);
      }),
      RUNS,
    );
  });

  it('refuses a row whose fields contradict its status', () => {
    const vault = rowOf({ status: 'in_vault', destination: 'vault', attempts: 0, mintSignature: SIG });
    expect(() => toIssuanceState({ ...vault, mintSignature: null })).toThrow(/inconsistent/);
    expect(() => toIssuanceState({ ...vault, status: 'uploaded', destination: 'none' })).toThrow(
      /inconsistent/,
    );
    expect(() => toIssuanceState({ ...vault, status: 'failed', lastError: null })).toThrow(/inconsistent/);
  });
});

const transactionEvent: fc.Arbitrary<IssuanceTransactionEvent> = fc.oneof(
  fc.constantFrom<IssuanceTransactionEvent>({ type: 'signed' }, { type: 'expired' }),
  fc.date({ noInvalidDate: true }).map((at): IssuanceTransactionEvent => ({ type: 'confirmed', at })),
  fc.string({ minLength: 1 }).map((message): IssuanceTransactionEvent => ({
    type: 'failed',
    code: 'CHAIN__TRANSACTION_FAILED',
    message,
  })),
);
const reachableTransactions = fc
  .tuple(
    fc.constantFrom<IssuanceTransactionState>(
      { status: 'awaiting_signature', signingMode: 'admin_wallet' },
      { status: 'sent', signingMode: 'server' },
    ),
    choices,
    fc.string({ minLength: 1 }),
  )
  .map(([start, picks, message]) =>
    walk(
      start,
      picks,
      [
        { type: 'signed' },
        { type: 'expired' },
        { type: 'confirmed', at: new Date(0) },
        { type: 'failed', code: 'CHAIN__TRANSACTION_FAILED', message },
      ],
      transitionIssuanceTransaction,
    ),
  );

describe('issuance transaction state machine', () => {
  it('unsigned → sent → confirmed; an unsigned one may also be found confirmed or expired', () => {
    const unsigned: IssuanceTransactionState = { status: 'awaiting_signature', signingMode: 'admin_wallet' };
    const sent = transitionIssuanceTransaction(unsigned, { type: 'signed' });
    expect(sent).toEqual({ status: 'sent', signingMode: 'admin_wallet' });
    const at = new Date();
    expect(transitionIssuanceTransaction(sent, { type: 'confirmed', at })).toMatchObject({ confirmedAt: at });
    expect(transitionIssuanceTransaction(unsigned, { type: 'expired' })).toMatchObject({
      status: 'expired',
      errorCode: 'CHAIN__EXPIRED',
    });
    expect(() => transitionIssuanceTransaction(sent, { type: 'signed' })).toThrow(invalidTransition);
  });

  it('property: final states refuse every event; each state carries its fields', () => {
    fc.assert(
      fc.property(reachableTransactions, transactionEvent, (states, event) => {
        for (const s of states) {
          if (terminalIssuanceTransactionStatuses.includes(s.status))
            expect(() => transitionIssuanceTransaction(s, event)).toThrow(invalidTransition);
          if (s.status === 'awaiting_signature') expect(s.signingMode).toBe('admin_wallet');
          if (s.status === 'failed') expect(s.lastError.length).toBeGreaterThan(0);
          const row = {
            id: 't1',
            signingMode: s.signingMode,
            status: s.status,
            confirmedAt: s.status === 'confirmed' ? s.confirmedAt : null,
            errorCode: 'errorCode' in s ? s.errorCode : null,
            lastError: 'lastError' in s ? s.lastError : null,
          };
          expect(toIssuanceTransactionState(row)).toEqual(s);
        }
      }),
    );
  });
});

describe('batch progress', () => {
  it('batch status follows its issuances', () => {
    const counts = (m: Partial<Record<IssuanceStatus, number>>) => {
      const byStatus = new Map<IssuanceStatus, number>();
      for (const status of badgeIssuanceStatuses) {
        const n = m[status];
        if (n !== undefined) byStatus.set(status, n);
      }
      return toIssuanceCounts(byStatus);
    };
    const none = new Map();
    expect(batchStatusFor(counts({ pending: 1, issued: 3 }), 'server', none)).toBe('uploading');
    expect(batchStatusFor(counts({ minting: 2 }), 'server', none)).toBe('minting');
    expect(batchStatusFor(counts({ uploaded: 2 }), 'admin_wallet', none)).toBe('awaiting_signature');
    expect(batchStatusFor(counts({ issued: 2, failed: 1 }), 'server', none)).toBe('completed');
    expect(batchStatusFor(counts({ failed: 2 }), 'server', none)).toBe('failed');
    expect(counts({ issued: 2, in_vault: 1, failed: 1, minting: 1 })).toMatchObject({ total: 5, done: 4 });
  });
});
