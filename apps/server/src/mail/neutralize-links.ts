export const LINK_REPLACEMENT = '[link removed]';

/**
 * Characters that show nothing or reorder what is shown: zero-width spaces and joiners, bidi
 * overrides and isolates, soft hyphens, tag characters. Hidden inside `evil<ZWSP>.example` they
 * defeat a filter while a reader (or a paste into a browser) still sees a host. Removed.
 */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Bidi_Control}]/gu;
/** Controls and line/paragraph separators: they could break a header or the layout. */
const BREAKING = /[\p{Cc}\p{Zl}\p{Zp}]+/gu;
/** Full stops IDNA reads as the dot between labels (after NFKC only the ideographic ones remain). */
const UNICODE_DOTS = /[\u3002\uff61]/g;

/** Things that open or name a link, tested on one whitespace-free token at a time. */
const LINK_SIGNS = [
  // Anything with a scheme: https://, ftp://, //host (protocol-relative).
  /\/\//,
  // Schemes used without slashes.
  /(?<![\p{L}\p{N}])(?:mailto|tel|sms|callto|javascript|vbscript|data|file|ipfs|ipns|solana|magnet|bitcoin|ethereum|web\+[a-z]+):(?=\S)/iu,
  // A host name: a label, a dot, then a top-level domain of letters (any script) or punycode.
  /[\p{L}\p{M}\p{N}_-]\.(?:\p{L}\p{M}*){2}/u,
  /[\p{L}\p{M}\p{N}_-]\.xn--/iu,
  // A bracketed IPv6 address (IPv4 below, with any dot).
  /\[[\da-f.]*:[\da-f:.]*\]/i,
];
const IPV4 = /\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}/;
/** With an ideographic full stop, only ASCII or punycode top-level domains count: CJK prose
 * ends sentences with it, and `徽章。恭喜` is a sentence, not a host. */
const UNICODE_DOT_HOST = /[\p{L}\p{M}\p{N}_-][\u3002\uff61](?:[a-z]{2}|xn--)/iu;

/** Readable text with nothing hidden: NFKC (fullwidth `ｅｖｉｌ．ｃｏｍ` becomes ASCII), no invisibles. */
export function plainText(value: string): string {
  return value.normalize('NFKC').replace(INVISIBLE, '').replace(BREAKING, ' ').trim();
}

function isLinkToken(token: string): boolean {
  if (UNICODE_DOT_HOST.test(token) || LINK_SIGNS.some((sign) => sign.test(token))) return true;
  return IPV4.test(token.replace(UNICODE_DOTS, '.'));
}

/**
 * Our emails carry no links at all (phishing defence: users learn that a real Insignia email
 * never asks them to click). Values that come from admins or users, such as a badge
 * description, could still hold one that mail clients would turn clickable or that a reader
 * could paste: every whitespace-separated word that holds a URL, host name, IP address or
 * link scheme becomes "[link removed]", whatever script, dots or invisible characters spell
 * it. Linear in the input: one split, then fixed-width patterns per word.
 */
export function neutralizeLinks(value: string): string {
  return plainText(value)
    .split(/(\s+)/)
    .map((part) => (part.length > 0 && !/^\s/.test(part) && isLinkToken(part) ? LINK_REPLACEMENT : part))
    .join('');
}

/** True when `value` would be changed by neutralizeLinks beyond `plainText`, i.e. it holds a link. */
export function looksLikeLink(value: string): boolean {
  return neutralizeLinks(value) !== plainText(value);
}

/** A bare ASCII domain name such as `boost.org`: the one link-like thing a platform name may be. */
const BARE_DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/i;

/**
 * Whether `value` may name the platform in emails: a name with no link in it, or its bare
 * domain (`boost.org`), which emails then show as text that mail clients do not link. URLs,
 * paths, ports, IP addresses and anything hidden or non-ASCII in a domain are refused.
 */
export function isPlatformName(value: string): boolean {
  if (value !== plainText(value)) return false;
  return !looksLikeLink(value) || (BARE_DOMAIN.test(value) && !/^[\d.]+$/.test(value));
}

/** Whether the platform name is a domain, and so needs the no-autolink treatment in HTML. */
export const isDomainName = (value: string) => BARE_DOMAIN.test(value);
