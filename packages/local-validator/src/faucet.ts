import {
  address,
  appendTransactionMessageInstructions,
  compileTransaction,
  createNoopSigner,
  createTransactionMessage,
  getBase58Decoder,
  getTransactionEncoder,
  pipe,
  setTransactionMessageFeePayer,
  setTransactionMessageLifetimeUsingBlockhash,
  type Address,
  type Blockhash,
  type SignatureBytes,
} from '@solana/kit';
import { getAddMemoInstruction } from '@solana-program/memo';
import { getTransferSolInstruction } from '@solana-program/system';
import { createEd25519Signer, type Ed25519Signer } from './ed25519.ts';

/** Lamports the faucet account holds at genesis (500 million SOL). */
export const FAUCET_GENESIS_LAMPORTS = 500_000_000n * 1_000_000_000n;

/**
 * The airdrop source: a keypair created at genesis whose transfers go through the normal
 * transaction path, so an airdrop has a real signature, status and getTransaction entry.
 */
export class Faucet {
  private readonly signer: Ed25519Signer;
  readonly address: Address;

  constructor(secret: Uint8Array) {
    this.signer = createEd25519Signer(secret);
    this.address = address(getBase58Decoder().decode(this.signer.publicKey));
  }

  /** A signed wire transaction moving `lamports` to `to`; a non-zero `nonce` adds a memo to make it unique. */
  buildTransfer(to: string, lamports: bigint, recentBlockhash: string, nonce: number): Uint8Array {
    const instructions = [
      getTransferSolInstruction({
        source: createNoopSigner(this.address),
        destination: address(to),
        amount: lamports,
      }),
      ...(nonce === 0 ? [] : [getAddMemoInstruction({ memo: `airdrop ${nonce}` })]),
    ];
    const message = pipe(
      createTransactionMessage({ version: 'legacy' }),
      (m) => setTransactionMessageFeePayer(this.address, m),
      (m) =>
        setTransactionMessageLifetimeUsingBlockhash(
          { blockhash: recentBlockhash as Blockhash, lastValidBlockHeight: 0n },
          m,
        ),
      (m) => appendTransactionMessageInstructions(instructions, m),
    );
    const compiled = compileTransaction(message);
    const signature = this.signer.sign(new Uint8Array(compiled.messageBytes)) as SignatureBytes;
    return new Uint8Array(
      getTransactionEncoder().encode({ ...compiled, signatures: { [this.address]: signature } }),
    );
  }
}
