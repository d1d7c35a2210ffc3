import { describe, expect, it } from 'vitest';
import {
  issuanceStatusFor,
  transitionClaim,
  type ClaimEvent,
  type ClaimState,
  type ClaimStatus,
} from './claim-machine.ts';
import { claimRefusal } from './claim-eligibility.ts';

/** What every machine throws for a step its status does not allow. */
const invalidTransition = expect.objectContaining({ code: 'STATE__INVALID_TRANSITION' });

const state = (status: ClaimStatus, patch: Partial<ClaimState> = {}): ClaimState => ({
  status,
  signingMode: null,
  transferSignature: null,
  attempts: 0,
  errorCode: null,
  lastError: null,
  rejectReason: null,
  ...patch,
});

const run = (events: ClaimEvent[], from = state('pending')) => events.reduce(transitionClaim, from);

describe('claim state machine', () => {
  it('runs the happy path: approved, transfer sent, confirmed', () => {
    const done = run([
      { type: 'approved', signingMode: 'server' },
      { type: 'sent', signature: 'sig1' },
      { type: 'confirmed' },
    ]);
    expect(done).toMatchObject({
      status: 'completed',
      signingMode: 'server',
      transferSignature: 'sig1',
      attempts: 1,
    });
    expect(issuanceStatusFor(done.status)).toBe('claimed');
  });

  it('sends a fresh transfer after an expired or deferred one, counting attempts', () => {
    const expired = run([
      { type: 'approved', signingMode: 'admin_wallet' },
      { type: 'sent', signature: 'sig1' },
      { type: 'expired' },
    ]);
    expect(expired).toMatchObject({ status: 'approved', errorCode: 'CLAIM__TRANSFER_EXPIRED' });
    const deferred = run(
      [
        { type: 'sent', signature: 'sig2' },
        { type: 'deferred', code: 'CHAIN__INSUFFICIENT_SOL', message: 'no SOL' },
        { type: 'sent', signature: 'sig3' },
        { type: 'confirmed' },
      ],
      expired,
    );
    expect(deferred).toMatchObject({
      status: 'completed',
      attempts: 3,
      errorCode: null,
      transferSignature: 'sig3',
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
    expect(issuanceStatusFor('rejected')).toBe('in_vault');
    const failed = run([
      { type: 'approved', signingMode: 'server' },
      { type: 'sent', signature: 's' },
      { type: 'failed', code: 'CHAIN__TRANSACTION_FAILED', message: 'boom' },
    ]);
    expect(failed).toMatchObject({ status: 'failed', errorCode: 'CHAIN__TRANSACTION_FAILED' });
    expect(issuanceStatusFor('failed')).toBe('in_vault');
    expect(issuanceStatusFor('transferring')).toBe('claim_requested');
  });

  it('refuses transitions that make no sense', () => {
    const bad: [ClaimStatus, ClaimEvent][] = [
      ['pending', { type: 'sent', signature: 's' }],
      ['pending', { type: 'confirmed' }],
      ['approved', { type: 'approved', signingMode: 'server' }],
      ['transferring', { type: 'rejected', reason: 'too late' }],
      ['completed', { type: 'rejected', reason: 'too late' }],
      ['rejected', { type: 'approved', signingMode: 'server' }],
      ['failed', { type: 'sent', signature: 's' }],
      ['approved', { type: 'expired' }],
    ];
    for (const [from, event] of bad)
      expect(() => transitionClaim(state(from), event)).toThrow(invalidTransition);
  });
});

describe('claim eligibility', () => {
  const vault = {
    status: 'in_vault',
    destination: 'vault',
    badgeType: 'blockchain',
    mintAddress: 'M',
  } as const;
  it('accepts only a blockchain badge sitting in the vault with no claim under way', () => {
    expect(claimRefusal(vault)).toBeNull();
    expect(claimRefusal({ ...vault, status: 'claim_requested' })).toBe('CLAIM__ALREADY_REQUESTED');
    expect(claimRefusal({ ...vault, status: 'claimed' })).toBe('CLAIM__ALREADY_CLAIMED');
    expect(claimRefusal({ ...vault, status: 'minting' })).toBe('CLAIM__NOT_IN_VAULT');
    expect(claimRefusal({ ...vault, destination: 'wallet', status: 'issued' })).toBe('CLAIM__NOT_IN_VAULT');
    expect(
      claimRefusal({ status: 'issued', destination: 'none', badgeType: 'database', mintAddress: null }),
    ).toBe('CLAIM__NOT_IN_VAULT');
  });
});
