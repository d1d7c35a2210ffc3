import { describe, expect, it } from 'vitest';
import { isTrustedProxyEntry } from './trusted-proxy.ts';

describe('TRUST_PROXY entries', () => {
  it('takes addresses and CIDR ranges of a sane size', () => {
    for (const ok of [
      '10.0.0.1',
      '10.0.0.0/8',
      '172.16.0.0/12',
      '192.0.2.10/32',
      '::1',
      'fd00::/8',
      'fc00::/7',
    ]) {
      expect(isTrustedProxyEntry(ok), ok).toBe(true);
    }
    expect(isTrustedProxyEntry('::ffff:10.0.0.0/104')).toBe(true);
  });

  it('refuses what would trust (nearly) everyone, and what is not an address', () => {
    for (const bad of [
      '*',
      'true',
      '1',
      'proxy.example',
      '0.0.0.0/0',
      '10.0.0.0/7',
      '10.0.0.0/33',
      '10.0.0.0/8/8',
      '10.0.0.0/',
      '::/0',
      '::/6',
      // These hold IPv4-mapped space: they would trust every IPv4 client.
      '::/7',
      '::/64',
      '::ffff:0:0/96',
      '::ffff:0:0/100',
    ]) {
      expect(isTrustedProxyEntry(bad), bad).toBe(false);
    }
  });
});
