import { blockhash, generateKeyPairSigner, type Address } from '@solana/kit';
import type { BlockhashLifetime, BuildContext } from './create-base-message.ts';

/** Test-only helpers for the chain layer's unit tests (no network). */

export const FIXED_LIFETIME: BlockhashLifetime = {
  blockhash: blockhash('EkSnNWid2cvwEVnVx9aBqawnmiCNiDgp3gUdkDPTKN1N'),
  lastValidBlockHeight: 1_000n,
};

/** A CIDv1 (raw leaves, base32) of realistic length. */
export const SAMPLE_CID = 'bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku';

/** An RPC answering only what builders call, with the default rent formula. */
export function fakeBuildRpc(): BuildContext['rpc'] {
  const reply = <T>(value: T) => ({ send: () => Promise.resolve(value) });
  return {
    getLatestBlockhash: () => reply({ context: { slot: 1n }, value: FIXED_LIFETIME }),
    getMinimumBalanceForRentExemption: (size: bigint) => reply((128n + size) * 6960n),
  } as unknown as BuildContext['rpc'];
}

export async function randomAddresses(n: number): Promise<Address[]> {
  return Promise.all(Array.from({ length: n }, async () => (await generateKeyPairSigner()).address));
}
