import { describe, expect, it } from 'vitest';
import {
  compareChainIdentity,
  type ChainIdentity,
  type ChainIdentitySources,
} from './check-chain-identity.ts';

const found: ChainIdentity = {
  authority_public_key: 'AuthNow',
  vault_public_key: 'VaultNow',
  genesis_hash: 'GenesisNow',
};
const sources = (overrides: Partial<ChainIdentitySources> = {}): ChainIdentitySources => ({
  keys: {
    authority: { setting: 'AUTHORITY_KEYPAIR', source: 'generated', file: 'data/keys/authority.json' },
    vault: { setting: 'VAULT_KEYPAIR', source: 'env', file: undefined },
  },
  localChainDir: 'data/chain',
  ...overrides,
});

describe('compareChainIdentity', () => {
  it('nothing recorded yet, or the same values: no problem', () => {
    expect(compareChainIdentity({}, found, sources())).toEqual([]);
    expect(compareChainIdentity(found, found, sources())).toEqual([]);
  });

  it('names the key file or setting to restore and the public key expected', () => {
    const problems = compareChainIdentity(
      { ...found, authority_public_key: 'AuthThen', vault_public_key: 'VaultThen' },
      found,
      sources(),
    );
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('expected public key AuthThen, found AuthNow');
    expect(problems[0]).toContain('Restore the keypair file data/keys/authority.json');
    expect(problems[0]).toContain('a new key was generated');
    expect(problems[1]).toContain(
      'Restore the VAULT_KEYPAIR setting with the keypair whose public key is VaultThen',
    );
  });

  it('a different genesis hash names the chain folder, or SOLANA_RPC_URLS without the bundled validator', () => {
    const recorded = { ...found, genesis_hash: 'GenesisThen' };
    const [local] = compareChainIdentity(recorded, found, sources());
    expect(local).toContain('Genesis hash mismatch');
    expect(local).toContain('expects GenesisThen');
    expect(local).toContain('data/chain');
    const [remote] = compareChainIdentity(recorded, found, sources({ localChainDir: undefined }));
    expect(remote).toContain('SOLANA_RPC_URLS points at another cluster');
  });
});
