import { address } from '@solana/kit';
import { describe, expect, it } from 'vitest';
import { decideRevocation } from './decide-revocation.ts';

const authority = address('AuthorityAddress111111111111111111111111111');
const vault = address('VauLtAddress1111111111111111111111111111111');
const wallet = address('WaLLetAddress111111111111111111111111111111');
const mint = address('MintAddress11111111111111111111111111111111');
const keys = { authority, vault };
type AnyAddress = typeof authority | typeof vault;
const issuance = (status: string, destination: 'wallet' | 'vault' | 'none' = 'wallet') => ({
  status,
  destination,
  walletAddress: destination === 'wallet' || status === 'claimed' ? wallet : null,
  revokedAt: null,
});
const chainBadge = (permanentDelegate: AnyAddress | null) => ({
  badgeType: 'blockchain' as const,
  mintAddress: mint,
  permanentDelegate,
});

describe('deciding a revocation', () => {
  it('refuses issuances still in flight, and failed ones', () => {
    for (const status of ['pending', 'uploaded', 'minting'])
      expect(decideRevocation(issuance(status), chainBadge(authority), keys)).toEqual({
        ok: false,
        code: 'REVOKE__IN_FLIGHT',
      });
    expect(decideRevocation(issuance('claim_requested'), chainBadge(authority), keys)).toEqual({
      ok: false,
      code: 'REVOKE__CLAIM_PENDING',
    });
    expect(decideRevocation(issuance('failed'), chainBadge(authority), keys)).toEqual({
      ok: false,
      code: 'REVOKE__NOT_ISSUED',
    });
  });

  it('burns from the vault or, as PermanentDelegate, from the wallet; an old mint is status-list only', () => {
    expect(decideRevocation(issuance('in_vault', 'vault'), chainBadge(null), keys)).toMatchObject({
      chainAction: 'burn_from_vault',
      owner: vault,
    });
    expect(decideRevocation(issuance('issued'), chainBadge(authority), keys)).toMatchObject({
      chainAction: 'burn_from_wallet',
      owner: wallet,
    });
    expect(decideRevocation(issuance('claimed', 'vault'), chainBadge(authority), keys)).toMatchObject({
      chainAction: 'burn_from_wallet',
      owner: wallet,
    });
    expect(decideRevocation(issuance('issued'), chainBadge(null), keys)).toMatchObject({
      chainAction: 'status_list_only',
    });
    // A delegate that is not this platform's authority cannot sign the burn.
    expect(decideRevocation(issuance('issued'), chainBadge(vault), keys)).toMatchObject({
      chainAction: 'status_list_only',
    });
  });

  it('has nothing to burn for a database-only badge', () => {
    expect(
      decideRevocation(
        issuance('issued', 'none'),
        { badgeType: 'database', mintAddress: null, permanentDelegate: null },
        keys,
      ),
    ).toEqual({ ok: true, chainAction: 'none', owner: null });
  });
});
