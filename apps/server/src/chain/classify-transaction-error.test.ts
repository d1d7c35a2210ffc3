import { address, getSolanaErrorFromTransactionError } from '@solana/kit';
import { SYSTEM_PROGRAM_ADDRESS } from '@solana-program/system';
import { TOKEN_2022_PROGRAM_ADDRESS } from '@solana-program/token-2022';
import { describe, expect, it } from 'vitest';
import { classifyTransactionError } from './classify-transaction-error.ts';

const programs = [
  SYSTEM_PROGRAM_ADDRESS,
  TOKEN_2022_PROGRAM_ADDRESS,
  address('ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL'),
];
const classify = (err: Parameters<typeof getSolanaErrorFromTransactionError>[0]) =>
  classifyTransactionError(getSolanaErrorFromTransactionError(err), programs);

describe('classifyTransactionError', () => {
  it('system program "account already in use" on createAccount → already_exists', () => {
    expect(classify({ InstructionError: [0, { Custom: 0 }] })).toEqual({
      status: 'already_exists',
      instructionIndex: 0,
      programId: SYSTEM_PROGRAM_ADDRESS,
    });
  });

  it('lack of SOL, in every form, → insufficient_sol', () => {
    expect(classify('InsufficientFundsForFee')).toEqual({ status: 'insufficient_sol' });
    expect(classify({ InsufficientFundsForRent: { account_index: 0 } })).toEqual({
      status: 'insufficient_sol',
    });
    expect(classify('AccountNotFound')).toEqual({ status: 'insufficient_sol' });
    expect(classify({ InstructionError: [0, { Custom: 1 }] })).toEqual({ status: 'insufficient_sol' });
  });

  it('a custom error of another program keeps its program id and code', () => {
    expect(classify({ InstructionError: [1, { Custom: 0 }] })).toMatchObject({
      status: 'failed',
      error: { kind: 'program', programId: TOKEN_2022_PROGRAM_ADDRESS, instructionIndex: 1, code: 0 },
    });
  });

  it('a non-custom instruction error has no code', () => {
    const out = classify({ InstructionError: [2, 'InvalidAccountData'] });
    expect(out).toMatchObject({ status: 'failed', error: { kind: 'program', instructionIndex: 2 } });
    expect(out.status === 'failed' && out.error.kind === 'program' ? out.error.code : 'n/a').toBeUndefined();
  });

  it('a transaction-level error → failed/transaction', () => {
    expect(classify('AccountInUse')).toMatchObject({ status: 'failed', error: { kind: 'transaction' } });
  });
});
