import { getBase58Decoder, signature, type Signature } from '@solana/kit';
import type { ErrorCode } from '@insignia/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_MINT_ATTEMPTS,
  initialStatus,
  transition,
  type NftRequestEvent,
  type NftRequestState,
} from './nft-request-machine.ts';
import { toNftRequestState } from './nft-request-state.ts';
import { terminalNftRequestStatuses } from './nft-schema.ts';

/** A well-formed signature named after `label` (64 bytes, base58), so tests read by name. */
const sig = (label: string): Signature =>
  signature(getBase58Decoder().decode(new TextEncoder().encode(label.padEnd(64, '.'))));

/** What every machine throws for a step its status does not allow. */
const invalidTransition = expect.objectContaining({ code: 'STATE__INVALID_TRANSITION' });

const fresh = (mode: NftRequestState['mode'], kind: 'unlock' | 'upgrade' = 'upgrade'): NftRequestState =>
  toNftRequestState({
    mode,
    status: initialStatus(kind, mode),
    attempts: 0,
    burnSignature: null,
    mintSignature: null,
    errorCode: null,
    lastError: null,
  });
const run = (state: NftRequestState, events: NftRequestEvent[]) => events.reduce(transition, state);

describe('NFT request state machine', () => {
  it('two-step: a counted burn the chain does not show goes to a person, never to a mint', () => {
    const burned = run(fresh('two_step'), [
      { type: 'submitted', signature: sig('burn') },
      { type: 'confirmed' },
    ]);
    const s = transition(burned, {
      type: 'burn_not_seen',
      code: 'NFT__BURN_NOT_ON_CHAIN',
      message: 'still there',
    });
    expect(s).toMatchObject({ status: 'needs_compensation', errorCode: 'NFT__BURN_NOT_ON_CHAIN' });
    expect(() => transition(s, { type: 'mint_sent', signature: sig('mint') })).toThrow(invalidTransition);
    expect(() =>
      transition(fresh('two_step'), {
        type: 'burn_not_seen',
        code: 'CHAIN__TRANSACTION_FAILED',
        message: 'x',
      }),
    ).toThrow(invalidTransition);
  });

  it('the user’s transaction not being the prepared one sends the request back to them', () => {
    const s = run(fresh('two_step'), [
      { type: 'submitted', signature: sig('other') },
      { type: 'rejected', code: 'CHAIN__SIGNED_TRANSACTION_MISMATCH', message: 'not ours' },
    ]);
    expect(s).toMatchObject({ status: 'awaiting_burn_signature', burnSignature: null });
  });

  it('a transaction found landed while the request waited for its user is recorded, not re-prepared', () => {
    const unlock = transition(fresh('user_signed', 'unlock'), {
      type: 'landed_found',
      signature: sig('sig1'),
    });
    expect(unlock).toMatchObject({ status: 'completed', mintSignature: sig('sig1') });
    const atomic = transition(fresh('atomic'), { type: 'landed_found', signature: null });
    expect(atomic).toMatchObject({ status: 'completed', mintSignature: null });
    const burn = transition(fresh('two_step'), { type: 'landed_found', signature: sig('burn') });
    expect(burn).toMatchObject({ status: 'burn_confirmed', burnSignature: sig('burn'), attempts: 0 });
    // Only from a waiting status: anything further along already follows its own transaction.
    expect(() => transition(burn, { type: 'landed_found', signature: sig('burn') })).toThrow(
      invalidTransition,
    );
  });

  it('unlock: signed, confirmed, completed', () => {
    const s = run(fresh('user_signed', 'unlock'), [
      { type: 'submitted', signature: sig('sig1') },
      { type: 'confirmed' },
    ]);
    expect(s).toMatchObject({ status: 'completed', mintSignature: sig('sig1') });
  });

  it('unlock: an expired transaction goes back to waiting for a new signature', () => {
    const s = run(fresh('user_signed', 'unlock'), [
      { type: 'submitted', signature: sig('sig1') },
      { type: 'expired' },
    ]);
    expect(s).toMatchObject({
      status: 'awaiting_signature',
      mintSignature: null,
      errorCode: 'CHAIN__EXPIRED',
    });
    expect(run(s, [{ type: 'submitted', signature: sig('sig2') }, { type: 'confirmed' }])).toMatchObject({
      status: 'completed',
      mintSignature: sig('sig2'),
    });
  });

  it('two-step upgrade: burn → server mint → completed, in the seed order', () => {
    const states = [fresh('two_step')];
    const events: NftRequestEvent[] = [
      { type: 'submitted', signature: sig('burn') },
      { type: 'confirmed' },
      { type: 'mint_sent', signature: sig('mint') },
      { type: 'mint_confirmed' },
    ];
    for (const e of events) {
      states.push(transition(states.at(-1)!, e));
    }
    expect(states.map((s) => s.status)).toEqual([
      'awaiting_burn_signature',
      'burn_submitted',
      'burn_confirmed',
      'mint_submitted',
      'completed',
    ]);
    expect(states.at(-1)).toMatchObject({ burnSignature: sig('burn'), mintSignature: sig('mint') });
  });

  it('mint failing after a burn retries, then needs compensation; an admin can retry or compensate', () => {
    let s = run(fresh('two_step'), [{ type: 'submitted', signature: sig('burn') }, { type: 'confirmed' }]);
    for (let i = 0; i < MAX_MINT_ATTEMPTS - 1; i++) {
      s = run(s, [
        { type: 'mint_sent', signature: sig(`m${i}`) },
        { type: 'mint_failed', code: 'CHAIN__TRANSACTION_FAILED', message: 'boom' },
      ]);
      expect(s.status).toBe('burn_confirmed');
    }
    s = run(s, [
      { type: 'mint_sent', signature: sig('last') },
      { type: 'mint_failed', code: 'CHAIN__TRANSACTION_FAILED', message: 'boom' },
    ]);
    expect(s).toMatchObject({ status: 'needs_compensation', attempts: MAX_MINT_ATTEMPTS, lastError: 'boom' });
    expect(transition(s, { type: 'admin_retry' })).toMatchObject({ status: 'burn_confirmed', attempts: 0 });
    expect(transition(s, { type: 'admin_compensated' }).status).toBe('compensated');
  });

  it('a server mint that expired is sent again from burn_confirmed', () => {
    const s = run(fresh('two_step'), [
      { type: 'submitted', signature: sig('b') },
      { type: 'confirmed' },
      { type: 'mint_sent', signature: sig('m') },
      { type: 'expired' },
    ]);
    expect(s).toMatchObject({ status: 'burn_confirmed', mintSignature: null });
  });

  it('a server mint that keeps expiring reaches a person once the attempts are used up', () => {
    let s = run(fresh('two_step'), [{ type: 'submitted', signature: sig('b') }, { type: 'confirmed' }]);
    for (let i = 0; i < MAX_MINT_ATTEMPTS - 1; i++) {
      s = run(s, [{ type: 'mint_sent', signature: sig(`m${i}`) }, { type: 'expired' }]);
      expect(s.status).toBe('burn_confirmed');
    }
    s = run(s, [{ type: 'mint_sent', signature: sig('last') }, { type: 'expired' }]);
    expect(s).toMatchObject({
      status: 'needs_compensation',
      attempts: MAX_MINT_ATTEMPTS,
      errorCode: 'CHAIN__EXPIRED',
    });
  });

  it('an atomic upgrade too large for one transaction falls back to two steps while it waits', () => {
    expect(transition(fresh('atomic'), { type: 'fallback_to_two_step' })).toMatchObject({
      status: 'awaiting_burn_signature',
      mode: 'two_step',
    });
    expect(() => transition(fresh('user_signed', 'unlock'), { type: 'fallback_to_two_step' })).toThrow(
      invalidTransition,
    );
    const submitted = transition(fresh('atomic'), { type: 'submitted', signature: sig('s') });
    expect(() => transition(submitted, { type: 'fallback_to_two_step' })).toThrow(invalidTransition);
  });

  it('refuses to read a stored row that lacks the fields of its status', () => {
    const row = {
      mode: 'atomic',
      attempts: 0,
      burnSignature: null,
      errorCode: null,
      lastError: null,
    } as const;
    const internal = expect.objectContaining({ code: 'INTERNAL' });
    expect(() => toNftRequestState({ ...row, status: 'submitted', mintSignature: null })).toThrow(internal);
    expect(() => toNftRequestState({ ...row, status: 'failed', mintSignature: null })).toThrow(internal);
    expect(() => toNftRequestState({ ...row, status: 'burn_confirmed', mintSignature: null })).toThrow(
      internal,
    );
    expect(toNftRequestState({ ...row, status: 'submitted', mintSignature: sig('s') })).toMatchObject({
      status: 'submitted',
      mintSignature: sig('s'),
    });
  });

  it('atomic upgrade is one signature and one confirmation', () => {
    expect(
      run(fresh('atomic'), [{ type: 'submitted', signature: sig('both') }, { type: 'confirmed' }]).status,
    ).toBe('completed');
  });

  it('refuses impossible steps', () => {
    expect(() => transition(fresh('atomic'), { type: 'confirmed' })).toThrow(invalidTransition);
    expect(() => transition(fresh('two_step'), { type: 'mint_sent', signature: sig('x') })).toThrow(
      invalidTransition,
    );
    const done = run(fresh('atomic'), [{ type: 'submitted', signature: sig('s') }, { type: 'confirmed' }]);
    expect(() => transition(done, { type: 'submitted', signature: sig('again') })).toThrow(invalidTransition);
    const burned = run(fresh('two_step'), [
      { type: 'submitted', signature: sig('b') },
      { type: 'confirmed' },
    ]);
    expect(() =>
      transition(burned, {
        type: 'failed',
        code: 'CHAIN__TRANSACTION_FAILED',
        message: 'never after a burn',
      }),
    ).toThrow(invalidTransition);
  });
});

describe('NFT request state machine, for any sequence of events', () => {
  const terminal = new Set<string>(terminalNftRequestStatuses);
  const code = fc.constantFrom<ErrorCode>(
    'CHAIN__TRANSACTION_FAILED',
    'CHAIN__INSUFFICIENT_SOL',
    'NFT__MINT_NOT_HELD',
  );
  const withError = <T extends string>(type: T) =>
    fc.record({ type: fc.constant(type), code, message: fc.constantFrom('boom', 'no SOL') });
  const someSignature = fc.constantFrom(sig('a'), sig('b'), sig('c'));
  // The server-mint loop is weighted up so runs reach the attempts cap, not only the first steps.
  const event: fc.Arbitrary<NftRequestEvent> = fc.oneof(
    { arbitrary: fc.record({ type: fc.constant('submitted'), signature: someSignature }), weight: 2 },
    { arbitrary: fc.constant({ type: 'confirmed' }), weight: 2 },
    { arbitrary: fc.constant({ type: 'expired' }), weight: 3 },
    withError('failed'),
    withError('rejected'),
    { arbitrary: fc.record({ type: fc.constant('mint_sent'), signature: someSignature }), weight: 6 },
    fc.constant({ type: 'mint_confirmed' }),
    { arbitrary: withError('mint_failed'), weight: 4 },
    withError('burn_not_seen'),
    fc.record({ type: fc.constant('landed_found'), signature: fc.option(someSignature) }),
    fc.constant({ type: 'fallback_to_two_step' }),
    fc.constant({ type: 'admin_retry' }),
    fc.constant({ type: 'admin_compensated' }),
    fc.constant({ type: 'abandoned' }),
  );
  const start = fc.constantFrom(fresh('user_signed', 'unlock'), fresh('atomic'), fresh('two_step'));

  /** What must hold of every state the machine produces, whatever led there. */
  function expectValid(s: NftRequestState) {
    // The store reads it back as the same state: every status carries its own fields.
    expect(toNftRequestState(s)).toEqual(s);
    expect(s.attempts).toBeGreaterThanOrEqual(0);
    expect(s.attempts).toBeLessThanOrEqual(MAX_MINT_ATTEMPTS);
    if (s.status === 'submitted' || s.status === 'mint_submitted') expect(s.mintSignature).not.toBeNull();
    if (s.status === 'burn_submitted') expect(s.burnSignature).not.toBeNull();
    if (s.status === 'failed' || s.status === 'needs_compensation') {
      expect(s.errorCode).not.toBeNull();
      expect(s.lastError).not.toBeNull();
    }
  }

  it('stays in valid states, within the mint attempts, and never leaves a terminal status', () => {
    fc.assert(
      fc.property(start, fc.array(event, { maxLength: 100, size: 'max' }), (initial, events) => {
        let s = initial;
        for (const e of events) {
          const before = structuredClone(s);
          let next: NftRequestState | undefined;
          try {
            next = transition(s, e);
          } catch (err) {
            expect(err).toEqual(invalidTransition);
          }
          expect(s).toEqual(before); // a transition never changes the state it was given
          if (terminal.has(s.status)) expect(next).toBeUndefined(); // terminal states absorb
          if (next) {
            expectValid(next);
            s = next;
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('refuses every event in a terminal status', () => {
    const terminalStates: NftRequestState[] = [
      run(fresh('atomic'), [{ type: 'submitted', signature: sig('s') }, { type: 'confirmed' }]),
      run(fresh('two_step'), [{ type: 'abandoned' }]),
      run(fresh('atomic'), [{ type: 'failed', code: 'CHAIN__TRANSACTION_FAILED', message: 'x' }]),
      run(fresh('two_step'), [
        { type: 'submitted', signature: sig('b') },
        { type: 'confirmed' },
        { type: 'burn_not_seen', code: 'NFT__BURN_NOT_ON_CHAIN', message: 'x' },
        { type: 'admin_compensated' },
      ]),
    ];
    expect(new Set(terminalStates.map((s) => s.status))).toEqual(terminal);
    fc.assert(
      fc.property(fc.constantFrom(...terminalStates), event, (s, e) => {
        expect(() => transition(s, e)).toThrow(invalidTransition);
      }),
    );
  });
});
