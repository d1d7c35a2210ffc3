import {
  generateKeyPairSigner,
  getBase64EncodedWireTransaction,
  partiallySignTransaction,
  signBytes,
  type Transaction,
} from '@solana/kit';
import { describe, expect, it } from 'vitest';
import { buildLevelNftMint } from './build-level-nft-mint.ts';
import { prepareTransaction } from './prepare-transaction.ts';
import { parseSignedTransaction } from './parse-signed-transaction.ts';
import { fakeBuildRpc } from './chain-test-fixtures.ts';
import { deriveMintSigner } from './derive-mint-signer.ts';
import { isAppError } from '../errors/app-error.ts';

async function prepared() {
  const authority = await generateKeyPairSigner();
  const user = await generateKeyPairSigner();
  const mint = await deriveMintSigner(new Uint8Array(32).fill(9), 'level-nft', crypto.randomUUID());
  const built = await buildLevelNftMint(
    { rpc: fakeBuildRpc() },
    { mint, authority, owner: user.address, name: 'L', symbol: 'S', uri: 'ipfs://u', level: 1 },
  );
  return { user, authority, tx: await prepareTransaction(built.message) };
}

const reason = (r: string) => (e: unknown) =>
  isAppError(e, 'CHAIN__SIGNED_TRANSACTION_MISMATCH') && e.context.reason === r;

describe('parseSignedTransaction', () => {
  it('accepts the wallet-signed version of the transaction we prepared', async () => {
    const { user, tx } = await prepared();
    const signed = await partiallySignTransaction([user.keyPair], tx.transaction);
    const parsed = await parseSignedTransaction(getBase64EncodedWireTransaction(signed), tx.wire);
    expect(parsed.signature).toBeDefined();
    expect(parsed.wire).toBe(getBase64EncodedWireTransaction(signed));
  });

  it('rejects a missing user signature', async () => {
    const { tx } = await prepared();
    await expect(parseSignedTransaction(tx.wire, tx.transaction)).rejects.toSatisfy(
      reason('signature_missing'),
    );
  });

  it('rejects a signature by the wrong key', async () => {
    const { user, tx } = await prepared();
    const other = await generateKeyPairSigner();
    const signed = await partiallySignTransaction([user.keyPair], tx.transaction);
    const wrong = await signBytes(other.keyPair.privateKey, signed.messageBytes);
    const forged: Transaction = { ...signed, signatures: { ...signed.signatures, [user.address]: wrong } };
    await expect(parseSignedTransaction(getBase64EncodedWireTransaction(forged), tx.wire)).rejects.toSatisfy(
      reason('signature_invalid'),
    );
  });

  it('rejects a changed message and altered server signatures', async () => {
    const { user, authority, tx } = await prepared();
    const signed = await partiallySignTransaction([user.keyPair], tx.transaction);
    const bytes = Buffer.from(getBase64EncodedWireTransaction(signed), 'base64');
    bytes[bytes.length - 1] = bytes.at(-1)! ^ 1;
    await expect(parseSignedTransaction(bytes.toString('base64'), tx.wire)).rejects.toSatisfy(
      reason('message_changed'),
    );
    const zeroed: Transaction = {
      ...signed,
      signatures: { ...signed.signatures, [authority.address]: new Uint8Array(64).fill(1) as never },
    };
    await expect(parseSignedTransaction(getBase64EncodedWireTransaction(zeroed), tx.wire)).rejects.toSatisfy(
      reason('signature_changed'),
    );
  });

  it('rejects garbage', async () => {
    const { tx } = await prepared();
    await expect(parseSignedTransaction('not base64 at all!!', tx.wire)).rejects.toSatisfy(
      reason('malformed'),
    );
    await expect(parseSignedTransaction('AAAA', tx.wire)).rejects.toSatisfy(reason('malformed'));
    await expect(parseSignedTransaction('A'.repeat(5000), tx.wire)).rejects.toSatisfy(reason('malformed'));
  });
});
