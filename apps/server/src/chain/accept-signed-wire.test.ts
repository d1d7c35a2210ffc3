import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildLevelNftMint } from './build-level-nft-mint.ts';
import { fakeBuildRpc } from './chain-test-fixtures.ts';
import { fromWire, prepareTransaction, toWire, type PreparedTransaction } from './prepare-transaction.ts';
import { parseSignedTransaction } from './parse-signed-transaction.ts';
import { createSeedSigner, type SeedSigner } from './seed-signer.ts';
import { isAppError } from '../errors/app-error.ts';

/*
 * The byte-level check of a wallet's answer (acceptSignedWire) must answer what kit's decode and
 * compare answers. Given the prepared transaction as a Transaction, parseSignedTransaction takes
 * kit's path; given its wire, the byte path first: both are run on the same input and compared.
 */

async function outcome(run: () => Promise<unknown>) {
  try {
    return { result: await run() };
  } catch (e) {
    if (!isAppError(e)) return { thrown: String(e) };
    return { code: e.code, context: e.context, message: e.message };
  }
}

async function bothPaths(signed: string, prepared: PreparedTransaction) {
  const viaKit = await outcome(() => parseSignedTransaction(signed, fromWire(prepared.wire)));
  const viaBytes = await outcome(() => parseSignedTransaction(signed, prepared.wire));
  expect(viaBytes).toEqual(viaKit);
  return viaBytes;
}

let wallet: SeedSigner;
let authority: SeedSigner;
let prepared: PreparedTransaction;
let signed: Buffer;

beforeAll(async () => {
  wallet = createSeedSigner(randomBytes(32));
  authority = createSeedSigner(randomBytes(32));
  const mint = createSeedSigner(randomBytes(32));
  const meta = { name: 'Level 4', symbol: 'INSG', uri: 'ipfs://bafkreiexample', level: 4 };
  const built = await buildLevelNftMint(
    { rpc: fakeBuildRpc() },
    { ...meta, mint, authority, owner: wallet.address },
  );
  prepared = await prepareTransaction(built.message);
  type Signable = Parameters<SeedSigner['signTransactions']>[0][number];
  const [theirs] = await wallet.signTransactions([prepared.transaction as Signable]);
  const signedTransaction = {
    ...prepared.transaction,
    signatures: { ...prepared.transaction.signatures, ...theirs },
  };
  signed = Buffer.from(toWire(signedTransaction), 'base64');
});

const withByte = (at: number, xor: number) => {
  const copy = Buffer.from(signed);
  copy[at] = copy[at]! ^ xor;
  return copy.toString('base64');
};
const reasonOf = (o: Awaited<ReturnType<typeof outcome>>) => ('context' in o ? o.context : o);

describe('acceptSignedWire (through parseSignedTransaction)', () => {
  it('accepts the wallet-signed transaction with kit’s result', async () => {
    const o = await bothPaths(signed.toString('base64'), prepared);
    expect(o).toMatchObject({ result: { wire: signed.toString('base64') } });
  });

  it('leaves every refusal to kit’s path, which names it', async () => {
    const walletSlot = 1; // the wallet pays: its signature is the first, after the count byte
    const authoritySlot = 1 + 64 * 2;
    const messageStart = 1 + 64 * 3;
    const cases: [string, string][] = [
      ['message_changed', withByte(signed.length - 1, 1)],
      ['message_changed', withByte(messageStart + 40, 0x80)],
      ['signature_changed', withByte(authoritySlot + 3, 1)],
      ['signature_missing', prepared.wire],
      ['signature_invalid', withByte(walletSlot + 10, 4)],
      ['message_changed', Buffer.concat([signed, Buffer.from([0])]).toString('base64')],
      ['malformed', `${signed.toString('base64')}\n`],
      ['malformed', signed.toString('base64url')],
      ['malformed', ` ${signed.toString('base64')}`],
      ['malformed', 'not base64 at all!!'],
      ['malformed', 'AAAA'],
      ['malformed', ''],
      ['malformed', 'A'.repeat(5000)],
      ['malformed', signed.subarray(0, 100).toString('base64')],
    ];
    expect(signed.toString('base64')).toMatch(/[+/]/); // so base64url differs
    for (const [reason, input] of cases) {
      const o = await bothPaths(input, prepared);
      expect(reasonOf(o)).toMatchObject({ reason });
    }
  });

  it('answers like kit for any corruption of the signed bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ kind: fc.constant('flip'), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
          fc.record({ kind: fc.constant('cut'), at: fc.nat(), xor: fc.constant(0) }),
          fc.record({ kind: fc.constant('append'), at: fc.nat({ max: 40 }), xor: fc.nat({ max: 255 }) }),
        ),
        async ({ kind, at, xor }) => {
          const bytes =
            kind === 'flip'
              ? Buffer.from(withByte(at % signed.length, xor), 'base64')
              : kind === 'cut'
                ? signed.subarray(0, at % signed.length)
                : Buffer.concat([signed, Buffer.alloc(at + 1, xor)]);
          await bothPaths(bytes.toString('base64'), prepared);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('checks against a prepared wire, never trusting the signed one for our signatures', async () => {
    const other = await prepareTransaction(
      (
        await buildLevelNftMint(
          { rpc: fakeBuildRpc() },
          {
            name: 'Level 5',
            symbol: 'INSG',
            uri: 'ipfs://other',
            level: 5,
            mint: createSeedSigner(randomBytes(32)),
            authority,
            owner: wallet.address,
          },
        )
      ).message,
    );
    const o = await bothPaths(signed.toString('base64'), other);
    expect(reasonOf(o)).toMatchObject({ reason: 'message_changed' });
  });
});
