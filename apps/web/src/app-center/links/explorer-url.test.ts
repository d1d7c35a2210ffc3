import { describe, expect, it } from 'vitest';
import { explorerUrl, nftVerifyPath } from './explorer-url.ts';

describe('links to where an NFT can be checked', () => {
  it('points public clusters at Solana Explorer, with the cluster named off mainnet', () => {
    expect(explorerUrl('mainnet', 'address', 'Mint1')).toBe('https://explorer.solana.com/address/Mint1');
    expect(explorerUrl('devnet', 'tx', 'Sig1')).toBe('https://explorer.solana.com/tx/Sig1?cluster=devnet');
    expect(explorerUrl('testnet', 'address', 'A')).toBe(
      'https://explorer.solana.com/address/A?cluster=testnet',
    );
  });

  it('offers no explorer for the bundled local validator or an unnamed cluster', () => {
    expect(explorerUrl('local', 'address', 'A')).toBeNull();
    expect(explorerUrl('other', 'address', 'A')).toBeNull();
    expect(explorerUrl(undefined, 'address', 'A')).toBeNull();
  });

  it('links the public verification page', () => {
    expect(nftVerifyPath('Mint1')).toBe('/verify/nft/Mint1');
  });
});
