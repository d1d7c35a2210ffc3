const LINK_REPLACEMENT = '[link removed]';
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]+/g;

/** URLs with a scheme, `www.` hosts, `mailto:` and bare domain names (with an optional path). */
const linkPatterns = [
  /\b[a-z][a-z0-9+.-]*:\/\/\S*/gi,
  /\bmailto:\S*/gi,
  /\bwww\.\S*/gi,
  /\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\b(?:\/\S*)?/gi,
];

/**
 * Our emails carry no links at all (phishing defence: users learn that a real Insignia email
 * never asks them to click). Values that come from admins or users, such as a badge
 * description, could still contain one that mail clients would turn clickable: those become
 * "[link removed]". Control characters go too, so nothing can break a header or the layout.
 */
export function neutralizeLinks(value: string): string {
  let out = value.replace(CONTROL_CHARACTERS, ' ');
  for (const pattern of linkPatterns) out = out.replace(pattern, LINK_REPLACEMENT);
  return out.trim();
}

/** True when `value` would be changed by neutralizeLinks, i.e. it reads like a link. */
export function looksLikeLink(value: string): boolean {
  return neutralizeLinks(value) !== value.replace(CONTROL_CHARACTERS, ' ').trim();
}
