import { describe, expect, it } from 'vitest';
import { toIssuanceCounts, batchStatusFor } from './batch-progress.ts';
import {
  MAX_ISSUANCE_ATTEMPTS,
  transitionIssuance,
  transitionIssuanceTransaction,
  type IssuanceState,
} from './issuance-machine.ts';

/** What every machine throws for a step its status does not allow. */
const invalidTransition = expect.objectContaining({ code: 'STATE__INVALID_TRANSITION' });

const fresh = (patch: Partial<IssuanceState> = {}): IssuanceState => ({
  status: 'pending',
  destination: 'wallet',
  hasPayload: false,
  attempts: 0,
  mintSignature: null,
  lastError: null,
  ...patch,
});

describe('issuance state machine', () => {
  it('walks a wallet issuance from pending to issued, and a vault one to in_vault', () => {
    let s = transitionIssuance(fresh(), { type: 'uploaded' });
    expect(s).toMatchObject({ status: 'uploaded', hasPayload: true });
    s = transitionIssuance(s, { type: 'packed' });
    expect(transitionIssuance(s, { type: 'minted', signature: 'sig' })).toMatchObject({
      status: 'issued',
      mintSignature: 'sig',
    });
    const vault = transitionIssuance(fresh({ status: 'minting', destination: 'vault' }), {
      type: 'minted',
      signature: 's',
    });
    expect(vault.status).toBe('in_vault');
  });

  it('issues a database-only badge as soon as its payload is on IPFS, and never packs it', () => {
    const s = transitionIssuance(fresh({ destination: 'none' }), { type: 'uploaded' });
    expect(s.status).toBe('issued');
    expect(() => transitionIssuance({ ...s, status: 'uploaded' }, { type: 'packed' })).toThrow(
      invalidTransition,
    );
  });

  it('retries failed mints up to the limit, expiries for free; an admin retry starts over', () => {
    let s = fresh({ status: 'minting', hasPayload: true });
    s = transitionIssuance(s, { type: 'mint_expired' });
    expect(s).toMatchObject({ status: 'uploaded', attempts: 0 });
    for (let i = 1; i <= MAX_ISSUANCE_ATTEMPTS; i++) {
      s = transitionIssuance({ ...s, status: 'minting' }, { type: 'mint_failed', message: 'no SOL' });
      expect(s.attempts).toBe(i);
    }
    expect(s).toMatchObject({ status: 'failed', lastError: 'no SOL' });
    expect(transitionIssuance(s, { type: 'retry' })).toMatchObject({
      status: 'uploaded',
      attempts: 0,
      lastError: null,
    });
    expect(transitionIssuance(fresh({ status: 'failed' }), { type: 'retry' }).status).toBe('pending');
  });

  it('refuses what cannot happen: minting twice, retrying a success, "already held" for the vault', () => {
    const issued = fresh({ status: 'issued', hasPayload: true });
    expect(() => transitionIssuance(issued, { type: 'minted', signature: 'x' })).toThrow(invalidTransition);
    expect(() => transitionIssuance(issued, { type: 'retry' })).toThrow(invalidTransition);
    expect(() =>
      transitionIssuance(fresh({ status: 'uploaded', destination: 'vault' }), { type: 'already_held' }),
    ).toThrow(invalidTransition);
  });

  it('transactions: unsigned → sent → confirmed; final states stay final', () => {
    expect(transitionIssuanceTransaction('awaiting_signature', 'signed')).toBe('sent');
    expect(transitionIssuanceTransaction('awaiting_signature', 'expired')).toBe('expired');
    expect(transitionIssuanceTransaction('sent', 'confirmed')).toBe('confirmed');
    expect(() => transitionIssuanceTransaction('confirmed', 'failed')).toThrow();
    expect(() => transitionIssuanceTransaction('sent', 'signed')).toThrow();
  });

  it('batch status follows its issuances', () => {
    const counts = (m: Record<string, number>) => toIssuanceCounts(new Map(Object.entries(m)) as never);
    const none = new Map();
    expect(batchStatusFor(counts({ pending: 1, issued: 3 }), 'server', none)).toBe('uploading');
    expect(batchStatusFor(counts({ minting: 2 }), 'server', none)).toBe('minting');
    expect(batchStatusFor(counts({ uploaded: 2 }), 'admin_wallet', none)).toBe('awaiting_signature');
    expect(batchStatusFor(counts({ issued: 2, failed: 1 }), 'server', none)).toBe('completed');
    expect(batchStatusFor(counts({ failed: 2 }), 'server', none)).toBe('failed');
    expect(counts({ issued: 2, in_vault: 1, failed: 1, minting: 1 })).toMatchObject({ total: 5, done: 4 });
  });
});
