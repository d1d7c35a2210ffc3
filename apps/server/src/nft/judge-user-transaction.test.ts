import { TOKEN_2022_PROGRAM_ADDRESS } from '@solana-program/token-2022';
import { describe, expect, it } from 'vitest';
import {
  judgeUserTransaction,
  type ExpectedEffects,
  type LandedTransaction,
} from './judge-user-transaction.ts';

const owner = 'Owner111111111111111111111111111111111111111';
const old = {
  mint: 'OldMint1111111111111111111111111111111111111',
  tokenAccount: 'OldAta11111111111111111111111111111111111111',
};
const next = {
  mint: 'NewMint1111111111111111111111111111111111111',
  tokenAccount: 'NewAta11111111111111111111111111111111111111',
};
const keys = [owner, old.tokenAccount, old.mint, next.tokenAccount, next.mint, TOKEN_2022_PROGRAM_ADDRESS];
const at = (key: string) => keys.indexOf(key);

/** Token-2022 instruction `tag` moving `amount`, between two accounts, signed by the owner. */
function ix(tag: number, a: string, b: string, amount = 1n, program: string = TOKEN_2022_PROGRAM_ADDRESS) {
  const data = new Uint8Array(10);
  data[0] = tag;
  new DataView(data.buffer).setBigUint64(1, amount, true);
  data[9] = 0; // decimals of the *Checked variants
  return { programIdIndex: at(program), accounts: [at(a), at(b), at(owner)], data };
}
const bal = (account: string, mint: string, amount: string) => ({
  accountIndex: at(account),
  mint,
  owner,
  amount,
});

function tx(patch: Partial<LandedTransaction>): LandedTransaction {
  return {
    err: null,
    accountKeys: keys,
    instructions: [],
    preTokenBalances: [],
    postTokenBalances: [],
    ...patch,
  };
}

const burnOnly: ExpectedEffects = { owner, burns: old };
const mintOnly: ExpectedEffects = { owner, mints: next };
const both: ExpectedEffects = { owner, burns: old, mints: next };

describe('judging the transaction a client names, by what it did on chain', () => {
  it('a transaction that does not name the mints is unrelated, whatever it did', () => {
    expect(judgeUserTransaction(tx({ accountKeys: [owner] }), burnOnly)).toBe('unrelated');
    expect(judgeUserTransaction(tx({ accountKeys: [owner, old.mint] }), both)).toBe('unrelated');
  });

  it('a burn shows in the balances, or (mint closed in the same transaction) in its instruction', () => {
    const byBalance = tx({
      preTokenBalances: [bal(old.tokenAccount, old.mint, '1')],
      postTokenBalances: [bal(old.tokenAccount, old.mint, '0')],
    });
    expect(judgeUserTransaction(byBalance, burnOnly)).toBe('does_it');
    expect(judgeUserTransaction(tx({ instructions: [ix(15, old.tokenAccount, old.mint)] }), burnOnly)).toBe(
      'does_it',
    );
    expect(judgeUserTransaction(tx({ instructions: [ix(8, old.tokenAccount, old.mint)] }), burnOnly)).toBe(
      'does_it',
    );
  });

  it('naming the mint without burning it, failing, or burning through another program is not a burn', () => {
    expect(judgeUserTransaction(tx({}), burnOnly)).toBe('attempted_it');
    const failed = tx({
      err: { InstructionError: [0, 'Custom'] },
      instructions: [ix(15, old.tokenAccount, old.mint)],
    });
    expect(judgeUserTransaction(failed, burnOnly)).toBe('attempted_it');
    const fake = tx({ instructions: [ix(15, old.tokenAccount, old.mint, 1n, owner)] });
    expect(judgeUserTransaction(fake, burnOnly)).toBe('attempted_it');
    const zero = tx({ instructions: [ix(15, old.tokenAccount, old.mint, 0n)] });
    expect(judgeUserTransaction(zero, burnOnly)).toBe('attempted_it');
    const swapped = tx({ instructions: [ix(15, old.mint, old.tokenAccount)] });
    expect(judgeUserTransaction(swapped, burnOnly)).toBe('attempted_it');
  });

  it('a mint must land the new NFT in the owner’s account; an atomic upgrade must do both', () => {
    const minted = tx({ postTokenBalances: [bal(next.tokenAccount, next.mint, '1')] });
    expect(judgeUserTransaction(minted, mintOnly)).toBe('does_it');
    expect(judgeUserTransaction(minted, both)).toBe('attempted_it');
    const upgraded = tx({
      instructions: [ix(15, old.tokenAccount, old.mint), ix(14, next.mint, next.tokenAccount)],
    });
    expect(judgeUserTransaction(upgraded, both)).toBe('does_it');
    const elsewhere = tx({ postTokenBalances: [bal(old.tokenAccount, next.mint, '1')] });
    expect(judgeUserTransaction(elsewhere, mintOnly)).toBe('attempted_it');
  });
});
