import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlatformName, LINK_REPLACEMENT, neutralizeLinks } from './neutralize-links.ts';
import { renderEmail } from './render-email.ts';

/** Invisible characters an attacker slips into a host name to get it past a filter. */
const INVISIBLES = [
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u00ad',
  '\u202e',
  '\u2066',
  '\u061c',
  '\u{e0041}',
];
/** Ways to write the dot between labels that browsers (IDNA) read as `.`. */
const DOTS = ['.', '\u3002', '\uff0e', '\uff61'];

const ascii = (min: number, max: number) =>
  fc.string({
    unit: fc.constantFrom(...Array.from('abcdefghijklmnopqrstuvwxyz0123456789')),
    minLength: min,
    maxLength: max,
  });
const label = fc.oneof(
  ascii(1, 12),
  fc.constantFrom('bücher', 'пример', '例子', 'xn--80ak6aa92e', 'münchen', 'παράδειγμα'),
);
const tld = fc.oneof(
  fc.constantFrom('com', 'org', 'io', 'example', 'xn--p1ai', 'co'),
  fc.constantFrom('рф', 'рус', 'ευ'),
);
const dot = fc.constantFrom(...DOTS);

/** A host spelt any way a hostile admin might: labels, IDN, punycode, odd dots, IP addresses. */
const host = fc.oneof(
  fc
    .tuple(fc.array(fc.tuple(label, dot), { minLength: 1, maxLength: 3 }), tld)
    // CJK prose ends sentences with 。: a Unicode TLD after it is accepted as text (see source).
    .map(([labels, t]) => {
      const last = labels[labels.length - 1]![1];
      const safeDot = /^[a-z]/.test(t) ? last : '.';
      return labels.map(([l, d], i) => l + (i === labels.length - 1 ? safeDot : d)).join('') + t;
    }),
  fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((n) => n.join('.')),
  fc.constantFrom('[::1]', '[2001:db8::1]', '[::ffff:127.0.0.1]'),
);

/** A link: a host with an optional scheme, port, path or user, or a bare scheme link. */
const link = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('', 'https://', 'http://', '//', 'ftp://', 'HTTPS://', 'user@', 'www.'),
      host,
      fc.constantFrom('', ':8080', '/claim', '/a?b=c#d', '/'),
    )
    .map(([a, h, b]) => a + h + b),
  fc.constantFrom('mailto:x@y', 'javascript:alert(1)', 'data:text/html,x', 'tel:+15550100', 'solana:abc'),
);

/** `value` with invisible characters inserted at random places. */
const sprinkled = (value: string) =>
  fc
    .array(fc.tuple(fc.nat(value.length), fc.constantFrom(...INVISIBLES)), { maxLength: 4 })
    .map((inserts) => {
      const chars = Array.from(value);
      for (const [at, ch] of inserts) chars.splice(Math.min(at, chars.length), 0, ch);
      return chars.join('');
    });

/** Prose with no link in it: words, numbers and punctuation separated by spaces. */
const word = fc.oneof(
  fc.string({
    unit: fc.constantFrom(...Array.from('abcdefghijklmnopqrstuvwxyzÄéß')),
    minLength: 1,
    maxLength: 10,
  }),
  fc.constantFrom(
    '$1M',
    '100%',
    'e.g.',
    'i.e.',
    'v1.2',
    '3.5',
    'U.S.',
    '徽章。恭喜',
    'Gold!',
    '"Early Bird"',
    '—',
  ),
);
const prose = fc.array(word, { maxLength: 8 }).map((w) => w.join(' '));

/** What a reader, a mail client or a browser would take for the host, once cleaned up. */
const hostOf = (l: string) =>
  l
    .normalize('NFKC')
    .replace(/[\u3002\uff61]/g, '.')
    .replace(/^[a-z]+:\/\/|^\/\/|^www\.|^user@/i, '')
    .split(/[/:?#]/)[0]!
    .toLowerCase();

describe('neutralizeLinks', () => {
  it('removes every link, however it is spelt, and keeps the prose around it', () => {
    fc.assert(
      fc.property(prose, link.chain(sprinkled), prose, (before, l, after) => {
        const out = neutralizeLinks(`${before} ${l} ${after}`);
        expect(out).toContain(LINK_REPLACEMENT);
        const h = hostOf(l.replace(/[\u200b-\u200d\u2060\ufeff\u00ad\u202e\u2066\u061c\u{e0041}]/gu, ''));
        // (The prose may hold the same word, e.g. "data" after a `data:` URL: that stays.)
        if (h.length > 3 && !`${before} ${after}`.toLowerCase().includes(h))
          expect(out.toLowerCase()).not.toContain(h);
        expect(out).not.toMatch(/[\p{Default_Ignorable_Code_Point}\p{Bidi_Control}]/u);
        expect(out).not.toMatch(/:\/\//);
        // Nothing but the link changed.
        expect(out).toBe(neutralizeLinks(`${before} ${LINK_REPLACEMENT} ${after}`));
      }),
      { numRuns: 500 },
    );
  });

  it('leaves prose without links as it was, and is idempotent', () => {
    fc.assert(
      fc.property(prose, (text) => {
        expect(neutralizeLinks(text)).toBe(text.normalize('NFKC').trim());
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => {
        const once = neutralizeLinks(text);
        expect(neutralizeLinks(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['an IPv4 address', 'go to 192.168.10.20 now'],
    ['an IP with a port and path', 'go to 10.0.0.1:8080/claim now'],
    ['an ideographic full stop', 'go to evil\u3002example now'],
    ['a halfwidth ideographic full stop', 'go to evil\uff61com now'],
    ['fullwidth letters', 'go to ｅｖｉｌ．ｃｏｍ now'],
    ['a Unicode domain', 'go to bücher.example now'],
    ['a Cyrillic TLD', 'go to пример.рф now'],
    ['punycode', 'go to xn--bcher-kva.example now'],
    ['a punycode TLD', 'go to evil.xn--p1ai now'],
    ['an IPv4 address with ideographic dots', 'go to 10\u30020\u30020\u30021 now'],
    ['a zero-width space in the host', 'go to evil\u200b.example now'],
    ['a right-to-left override', 'go to \u202eelpmaxe.live\u202c now'],
    ['a soft hyphen', 'go to ev\u00adil.com now'],
  ])('removes %s', (_name, input) => {
    expect(neutralizeLinks(input)).toBe(`go to ${LINK_REPLACEMENT} now`);
  });

  it('stays linear on long hostile input', () => {
    for (const input of ['a.'.repeat(100_000), '\u0301'.repeat(200_000) + 'a.b', `${'a'.repeat(200_000)}:`]) {
      // The fastest of three: a busy machine only adds time. Quadratic work on 200k characters
      // would take many seconds, so a loose budget still tells linear from not.
      let ms = Infinity;
      for (let run = 0; run < 3; run++) {
        const started = performance.now();
        neutralizeLinks(input);
        ms = Math.min(ms, performance.now() - started);
      }
      expect(ms).toBeLessThan(1000);
    }
  });
});

describe('the platform name in emails', () => {
  const render = (platformName: string, description = 'Trade on boost.org to earn it') =>
    renderEmail('badge_in_vault', { badgeName: 'Early Bird', badgeDescription: description }, platformName);

  it('is shown as plain text when it is a domain, and the HTML gives mail clients no host to link', () => {
    const mail = render('boost.org');
    expect(mail.text).toContain('Log in to boost.org the way you usually do.');
    expect(mail.text).toContain('The boost.org team');
    expect(mail.html).not.toMatch(/<a[\s>]|href\s*=/i);
    // No text node holds the host; what the reader sees (tags dropped) still does.
    expect(mail.html).not.toMatch(/boost\.org/);
    expect(mail.html.replace(/<[^>]*>/g, '')).toContain('Log in to boost.org the way you usually do.');
    expect(mail.html).toContain('name="format-detection"');
  });

  it('is still removed when an admin types it, as any other host', () => {
    const mail = render('boost.org', 'Trade on boost.org/claim or boost.org to earn it');
    expect(mail.text).toContain(`Trade on ${LINK_REPLACEMENT} or ${LINK_REPLACEMENT} to earn it`);
  });

  it.each([
    ['a name', 'Acme Exchange', true],
    ['a bare domain', 'boost.org', true],
    ['a URL', 'https://boost.org', false],
    ['a domain with a path', 'boost.org/login', false],
    ['a domain with a port', 'boost.org:8443', false],
    ['an IP address', '203.0.113.9', false],
    ['a hidden character', 'boost\u200b.org', false],
    ['a Unicode dot', 'boost\u3002org', false],
  ])('accepts %s as a platform name: %s', (_name, value, ok) => {
    expect(isPlatformName(value)).toBe(ok);
  });
});
