import { describe, expect, it } from 'vitest';
import {
  MAX_MINT_ATTEMPTS,
  initialStatus,
  transition,
  type NftRequestEvent,
  type NftRequestState,
} from './nft-request-machine.ts';

/** What every machine throws for a step its status does not allow. */
const invalidTransition = expect.objectContaining({ code: 'STATE__INVALID_TRANSITION' });

const fresh = (mode: NftRequestState['mode'], kind: 'unlock' | 'upgrade' = 'upgrade'): NftRequestState => ({
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
    const burned = run(fresh('two_step'), [{ type: 'submitted', signature: 'burn' }, { type: 'confirmed' }]);
    const s = transition(burned, {
      type: 'burn_not_seen',
      code: 'NFT__BURN_NOT_ON_CHAIN',
      message: 'still there',
    });
    expect(s).toMatchObject({ status: 'needs_compensation', errorCode: 'NFT__BURN_NOT_ON_CHAIN' });
    expect(() => transition(s, { type: 'mint_sent', signature: 'mint' })).toThrow(invalidTransition);
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
      { type: 'submitted', signature: 'other' },
      { type: 'rejected', code: 'CHAIN__SIGNED_TRANSACTION_MISMATCH', message: 'not ours' },
    ]);
    expect(s).toMatchObject({ status: 'awaiting_burn_signature', burnSignature: null });
  });

  it('a transaction found landed while the request waited for its user is recorded, not re-prepared', () => {
    const unlock = transition(fresh('user_signed', 'unlock'), { type: 'landed_found', signature: 'sig1' });
    expect(unlock).toMatchObject({ status: 'completed', mintSignature: 'sig1' });
    const atomic = transition(fresh('atomic'), { type: 'landed_found', signature: null });
    expect(atomic).toMatchObject({ status: 'completed', mintSignature: null });
    const burn = transition(fresh('two_step'), { type: 'landed_found', signature: 'burn' });
    expect(burn).toMatchObject({ status: 'burn_confirmed', burnSignature: 'burn', attempts: 0 });
    // Only from a waiting status: anything further along already follows its own transaction.
    expect(() => transition(burn, { type: 'landed_found', signature: 'burn' })).toThrow(invalidTransition);
  });

  it('unlock: signed, confirmed, completed', () => {
    const s = run(fresh('user_signed', 'unlock'), [
      { type: 'submitted', signature: 'sig1' },
      { type: 'confirmed' },
    ]);
    expect(s).toMatchObject({ status: 'completed', mintSignature: 'sig1' });
  });

  it('unlock: an expired transaction goes back to waiting for a new signature', () => {
    const s = run(fresh('user_signed', 'unlock'), [
      { type: 'submitted', signature: 'sig1' },
      { type: 'expired' },
    ]);
    expect(s).toMatchObject({
      status: 'awaiting_signature',
      mintSignature: null,
      errorCode: 'CHAIN__EXPIRED',
    });
    expect(run(s, [{ type: 'submitted', signature: 'sig2' }, { type: 'confirmed' }])).toMatchObject({
      status: 'completed',
      mintSignature: 'sig2',
    });
  });

  it('two-step upgrade: burn → server mint → completed, in the seed order', () => {
    const states = [fresh('two_step')];
    for (const e of [
      { type: 'submitted', signature: 'burn' },
      { type: 'confirmed' },
      { type: 'mint_sent', signature: 'mint' },
      { type: 'mint_confirmed' },
    ] as NftRequestEvent[]) {
      states.push(transition(states.at(-1)!, e));
    }
    expect(states.map((s) => s.status)).toEqual([
      'awaiting_burn_signature',
      'burn_submitted',
      'burn_confirmed',
      'mint_submitted',
      'completed',
    ]);
    expect(states.at(-1)).toMatchObject({ burnSignature: 'burn', mintSignature: 'mint' });
  });

  it('mint failing after a burn retries, then needs compensation; an admin can retry or compensate', () => {
    let s = run(fresh('two_step'), [{ type: 'submitted', signature: 'burn' }, { type: 'confirmed' }]);
    for (let i = 0; i < MAX_MINT_ATTEMPTS - 1; i++) {
      s = run(s, [
        { type: 'mint_sent', signature: `m${i}` },
        { type: 'mint_failed', code: 'CHAIN__TRANSACTION_FAILED', message: 'boom' },
      ]);
      expect(s.status).toBe('burn_confirmed');
    }
    s = run(s, [
      { type: 'mint_sent', signature: 'last' },
      { type: 'mint_failed', code: 'CHAIN__TRANSACTION_FAILED', message: 'boom' },
    ]);
    expect(s).toMatchObject({ status: 'needs_compensation', attempts: MAX_MINT_ATTEMPTS, lastError: 'boom' });
    expect(transition(s, { type: 'admin_retry' })).toMatchObject({ status: 'burn_confirmed', attempts: 0 });
    expect(transition(s, { type: 'admin_compensated' }).status).toBe('compensated');
  });

  it('a server mint that expired is sent again from burn_confirmed', () => {
    const s = run(fresh('two_step'), [
      { type: 'submitted', signature: 'b' },
      { type: 'confirmed' },
      { type: 'mint_sent', signature: 'm' },
      { type: 'expired' },
    ]);
    expect(s).toMatchObject({ status: 'burn_confirmed', mintSignature: null });
  });

  it('atomic upgrade is one signature and one confirmation', () => {
    expect(
      run(fresh('atomic'), [{ type: 'submitted', signature: 'both' }, { type: 'confirmed' }]).status,
    ).toBe('completed');
  });

  it('refuses impossible steps', () => {
    expect(() => transition(fresh('atomic'), { type: 'confirmed' })).toThrow(invalidTransition);
    expect(() => transition(fresh('two_step'), { type: 'mint_sent', signature: 'x' })).toThrow(
      invalidTransition,
    );
    const done = run(fresh('atomic'), [{ type: 'submitted', signature: 's' }, { type: 'confirmed' }]);
    expect(() => transition(done, { type: 'submitted', signature: 'again' })).toThrow(invalidTransition);
    const burned = run(fresh('two_step'), [{ type: 'submitted', signature: 'b' }, { type: 'confirmed' }]);
    expect(() =>
      transition(burned, {
        type: 'failed',
        code: 'CHAIN__TRANSACTION_FAILED',
        message: 'never after a burn',
      }),
    ).toThrow(invalidTransition);
  });
});
