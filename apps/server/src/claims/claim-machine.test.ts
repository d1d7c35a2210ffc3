import { getBase58Decoder, signature, type Signature } from '@solana/kit';
import type { ErrorCode } from '@insignia/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  issuanceEventFor,
  toClaimState,
  transitionClaim,
  type ClaimEvent,
  type ClaimFields,
  type ClaimState,
  type ClaimStatus,
} from './claim-machine.ts';
import { claimRefusal } from './claim-eligibility.ts';

/** What every machine throws for a step its status does not allow. */
const invalidTransition = expect.objectContaining({ code: 'STATE__INVALID_TRANSITION' });

/** A well-formed signature named after `label` (64 bytes, base58), so tests read by name. */
const sig = (label: string): Signature =>
  signature(getBase58Decoder().decode(new TextEncoder().encode(label.padEnd(64, '.'))));

/** One valid state per status, as a stored claim in it would be. */
const examples: Record<ClaimStatus, ClaimFields> = {
  pending: {
    status: 'pending',
    signingMode: null,
    transferSignature: null,
    attempts: 0,
    errorCode: null,
    lastError: null,
    rejectReason: null,
  },
  approved: {
    status: 'approved',
    signingMode: 'server',
    transferSignature: null,
    attempts: 0,
    errorCode: null,
    lastError: null,
    rejectReason: null,
  },
  transferring: {
    status: 'transferring',
    signingMode: 'server',
    transferSignature: sig('t'),
    attempts: 1,
    errorCode: null,
    lastError: null,
    rejectReason: null,
  },
  completed: {
    status: 'completed',
    signingMode: 'server',
    transferSignature: sig('t'),
    attempts: 1,
    errorCode: null,
    lastError: null,
    rejectReason: null,
  },
  rejected: {
    status: 'rejected',
    signingMode: null,
    transferSignature: null,
    attempts: 0,
    errorCode: null,
    lastError: null,
    rejectReason: 'no',
  },
  failed: {
    status: 'failed',
    signingMode: 'server',
    transferSignature: sig('t'),
    attempts: 1,
    errorCode: 'CHAIN__TRANSACTION_FAILED',
    lastError: 'boom',
    rejectReason: null,
  },
};
const state = (status: ClaimStatus): ClaimState => toClaimState(examples[status]);

const run = (events: ClaimEvent[], from = state('pending')) => events.reduce(transitionClaim, from);

describe('claim state machine', () => {
  it('runs the happy path: approved, transfer sent, confirmed', () => {
    const done = run([
      { type: 'approved', signingMode: 'server' },
      { type: 'sent', signature: sig('sig1') },
      { type: 'confirmed' },
    ]);
    expect(done).toMatchObject({
      status: 'completed',
      signingMode: 'server',
      transferSignature: sig('sig1'),
      attempts: 1,
    });
    expect(issuanceEventFor(done.status)).toBe('claim_completed');
  });

  it('sends a fresh transfer after an expired or deferred one, counting attempts', () => {
    const expired = run([
      { type: 'approved', signingMode: 'admin_wallet' },
      { type: 'sent', signature: sig('sig1') },
      { type: 'expired' },
    ]);
    expect(expired).toMatchObject({ status: 'approved', errorCode: 'CLAIM__TRANSFER_EXPIRED' });
    const deferred = run(
      [
        { type: 'sent', signature: sig('sig2') },
        { type: 'deferred', code: 'CHAIN__INSUFFICIENT_SOL', message: 'no SOL' },
        { type: 'sent', signature: sig('sig3') },
        { type: 'confirmed' },
      ],
      expired,
    );
    expect(deferred).toMatchObject({
      status: 'completed',
      attempts: 3,
      errorCode: null,
      transferSignature: sig('sig3'),
    });
  });

  it('completes from approved when the chain shows an earlier transfer arrived', () => {
    expect(run([{ type: 'approved', signingMode: 'server' }, { type: 'confirmed' }]).status).toBe(
      'completed',
    );
  });

  it('rejects before any transfer, and frees the badge; a chain failure frees it too', () => {
    const rejected = run([{ type: 'rejected', reason: 'not eligible' }]);
    expect(rejected).toMatchObject({ status: 'rejected', rejectReason: 'not eligible' });
    expect(issuanceEventFor('rejected')).toBe('claim_returned');
    const failed = run([
      { type: 'approved', signingMode: 'server' },
      { type: 'sent', signature: sig('s') },
      { type: 'failed', code: 'CHAIN__TRANSACTION_FAILED', message: 'boom' },
    ]);
    expect(failed).toMatchObject({ status: 'failed', errorCode: 'CHAIN__TRANSACTION_FAILED' });
    expect(issuanceEventFor('failed')).toBe('claim_returned');
    expect(issuanceEventFor('transferring')).toBeNull();
  });

  it('refuses transitions that make no sense', () => {
    const bad: [ClaimStatus, ClaimEvent][] = [
      ['pending', { type: 'sent', signature: sig('s') }],
      ['pending', { type: 'confirmed' }],
      ['approved', { type: 'approved', signingMode: 'server' }],
      ['transferring', { type: 'rejected', reason: 'too late' }],
      ['completed', { type: 'rejected', reason: 'too late' }],
      ['rejected', { type: 'approved', signingMode: 'server' }],
      ['failed', { type: 'sent', signature: sig('s') }],
      ['approved', { type: 'expired' }],
    ];
    for (const [from, event] of bad)
      expect(() => transitionClaim(state(from), event)).toThrow(invalidTransition);
  });
});

describe('stored claims', () => {
  it('refuses to read a row that lacks the fields of its status', () => {
    const internal = expect.objectContaining({ code: 'INTERNAL' });
    expect(() => toClaimState({ ...examples.approved, signingMode: null })).toThrow(internal);
    expect(() => toClaimState({ ...examples.transferring, transferSignature: null })).toThrow(internal);
    expect(() => toClaimState({ ...examples.rejected, rejectReason: null })).toThrow(internal);
    expect(() => toClaimState({ ...examples.failed, errorCode: null })).toThrow(internal);
  });
});

describe('claim state machine, for any sequence of events', () => {
  const terminal = new Set<ClaimStatus>(['completed', 'rejected', 'failed']);
  const code = fc.constantFrom<ErrorCode>('CHAIN__TRANSACTION_FAILED', 'CHAIN__INSUFFICIENT_SOL');
  const withError = <T extends string>(type: T) =>
    fc.record({ type: fc.constant(type), code, message: fc.constantFrom('boom', 'no SOL') });
  // Sends and their expiry are weighted up so runs go round the retry loop many times.
  const event: fc.Arbitrary<ClaimEvent> = fc.oneof(
    fc.record({ type: fc.constant('approved'), signingMode: fc.constantFrom('server', 'admin_wallet') }),
    fc.record({ type: fc.constant('rejected'), reason: fc.constantFrom('no', 'not eligible') }),
    {
      arbitrary: fc.record({ type: fc.constant('sent'), signature: fc.constantFrom(sig('a'), sig('b')) }),
      weight: 5,
    },
    fc.constant({ type: 'confirmed' }),
    { arbitrary: fc.constant({ type: 'expired' }), weight: 4 },
    { arbitrary: withError('deferred'), weight: 2 },
    withError('failed'),
  );

  it('stays in valid states, counts every transfer sent, and never leaves a terminal status', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60, size: 'max' }), (events) => {
        let s = state('pending');
        let sent = 0;
        for (const e of events) {
          const before = structuredClone(s);
          let next: ClaimState | undefined;
          try {
            next = transitionClaim(s, e);
          } catch (err) {
            expect(err).toEqual(invalidTransition);
          }
          expect(s).toEqual(before); // a transition never changes the state it was given
          if (terminal.has(s.status)) expect(next).toBeUndefined(); // terminal states absorb
          if (!next) continue;
          if (e.type === 'sent') sent++;
          // The store reads it back as the same state: every status carries its own fields.
          expect(toClaimState(next)).toEqual(next);
          expect(next.attempts).toBe(sent);
          if (next.status === 'transferring')
            expect(next.transferSignature).toBe(e.type === 'sent' ? e.signature : s.transferSignature);
          if (next.status !== 'pending' && next.status !== 'rejected')
            expect(next.signingMode).not.toBeNull();
          s = next;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('refuses every event in a terminal status', () => {
    fc.assert(
      fc.property(fc.constantFrom(...[...terminal].map(state)), event, (s, e) => {
        expect(() => transitionClaim(s, e)).toThrow(invalidTransition);
      }),
    );
  });
});

describe('claim eligibility', () => {
  const vault = {
    status: 'in_vault',
    destination: 'vault',
    badgeType: 'blockchain',
    mintAddress: 'M',
    revokedAt: null,
    validUntil: null,
  } as const;
  it('accepts only a blockchain badge sitting in the vault with no claim under way', () => {
    expect(claimRefusal(vault)).toBeNull();
    expect(claimRefusal({ ...vault, status: 'claim_requested' })).toBe('CLAIM__ALREADY_REQUESTED');
    expect(claimRefusal({ ...vault, status: 'claimed' })).toBe('CLAIM__ALREADY_CLAIMED');
    expect(claimRefusal({ ...vault, status: 'minting' })).toBe('CLAIM__NOT_IN_VAULT');
    expect(claimRefusal({ ...vault, destination: 'wallet', status: 'issued' })).toBe('CLAIM__NOT_IN_VAULT');
    expect(
      claimRefusal({
        ...vault,
        status: 'issued',
        destination: 'none',
        badgeType: 'database',
        mintAddress: null,
      }),
    ).toBe('CLAIM__NOT_IN_VAULT');
  });

  it('refuses a revoked badge, and an expired one from the moment it expires', () => {
    const at = new Date('2026-06-01T00:00:00Z');
    expect(claimRefusal({ ...vault, revokedAt: at })).toBe('BADGE__REVOKED');
    expect(claimRefusal({ ...vault, validUntil: at }, new Date('2026-05-31T23:59:59Z'))).toBeNull();
    expect(claimRefusal({ ...vault, validUntil: at }, at)).toBe('BADGE__EXPIRED');
  });
});
