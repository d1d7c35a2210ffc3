import { describe, expect, it } from 'vitest';
import { accountKey, mailboxKey } from './account-key.ts';
import { clientKey } from './client-key.ts';

describe('rate-limit keys', () => {
  it('one account whatever the case, spaces or Unicode compatibility form', () => {
    const key = accountKey('alice@example.com');
    for (const spelling of [' Alice@Example.COM ', 'ＡＬＩＣＥ@example.com', 'alice@ｅｘａｍｐｌｅ.com']) {
      expect(accountKey(spelling)).toBe(key);
    }
    // A plus-tag is another account (another password): its guesses are not this one's.
    expect(accountKey('alice+x@example.com')).not.toBe(key);
    expect(key).not.toContain('alice');
  });

  it('one mailbox across plus-tags, not across hosts or names', () => {
    const key = mailboxKey('bob@example.com');
    expect(mailboxKey('Bob+promo@Example.com')).toBe(key);
    expect(mailboxKey('bob+a+b@example.com')).toBe(key);
    expect(mailboxKey('bob@example.org')).not.toBe(key);
    expect(mailboxKey('bobby@example.com')).not.toBe(key);
    expect(mailboxKey('+@example.com')).not.toBe(key);
  });

  it('a client is its IPv4 address, or its IPv6 /64', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('2001:db8:1:2:aaaa::1')).toBe(clientKey('2001:db8:1:2:ffff:ffff:ffff:ffff'));
    expect(clientKey('2001:db8:1:2::1')).not.toBe(clientKey('2001:db8:1:3::1'));
  });
});
