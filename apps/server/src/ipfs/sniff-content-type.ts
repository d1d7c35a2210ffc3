/**
 * How much of a payload the sniffer reads. Anonymous callers choose what `/ipfs/:cid` serves,
 * so the work per request must not grow with the payload (up to 64 MiB).
 */
export const SNIFF_PREFIX_BYTES = 64 * 1024;

/** The media type of JSON payloads, as the gateway serves them. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) =>
  signature.every((b, i) => bytes[at + i] === b);

/**
 * The media type of a payload from its bytes (IPFS keeps no content type): PNG, JPEG, GIF and
 * WebP by magic number, then UTF-8 text told apart as JSON, SVG or plain text. Reads at most
 * {@link SNIFF_PREFIX_BYTES}, each byte a bounded number of times: linear, with no regex that
 * could backtrack. JSON larger than the prefix is reported as plain text.
 */
export function sniffContentType(bytes: Uint8Array): string {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'image/gif';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) {
    return 'image/webp';
  }

  const whole = bytes.length <= SNIFF_PREFIX_BYTES;
  let text: string;
  try {
    // `stream: true` leaves a multi-byte character cut at the prefix's end undecoded, not invalid.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(
      whole ? bytes : bytes.subarray(0, SNIFF_PREFIX_BYTES),
      { stream: !whole },
    );
  } catch {
    return 'application/octet-stream';
  }
  if (text.includes('\u0000')) return 'application/octet-stream';
  const trimmed = text.trimStart();
  if (whole && (trimmed.startsWith('{') || trimmed.startsWith('['))) {
    try {
      JSON.parse(trimmed);
      return JSON_CONTENT_TYPE;
    } catch {
      // Not JSON after all: plain text below.
    }
  }
  return startsAsSvg(trimmed) ? 'image/svg+xml' : TEXT_TYPE;
}

/**
 * Whether the markup opens with an `<svg` element, after an optional `<?xml …>` prolog, comments,
 * an optional `<!DOCTYPE svg …>` and whitespace (case-insensitive). One forward scan with
 * `indexOf`: the position only ever advances, so the cost is linear in the text.
 */
function startsAsSvg(markup: string): boolean {
  const s = markup.toLowerCase();
  let at = 0;
  const skipSpace = () => {
    while (at < s.length && /\s/.test(s.charAt(at))) at++;
  };
  /** Moves past `open … close` if it starts here; false if it does not start here or never ends. */
  const skipSection = (open: string, close: string): boolean => {
    if (!s.startsWith(open, at)) return false;
    const end = s.indexOf(close, at + open.length);
    if (end < 0) return false;
    at = end + close.length;
    return true;
  };
  const skipComments = () => {
    skipSpace();
    while (skipSection('<!--', '-->')) skipSpace();
  };

  skipSection('<?xml', '>');
  skipComments();
  if (s.startsWith('<!doctype', at) && /\s/.test(s[at + 9] ?? '')) {
    const name = at + 9;
    at = name;
    skipSpace();
    if (!s.startsWith('svg', at)) return false;
    at = name;
    if (!skipSection('', '>')) return false;
    skipComments();
  }
  return s.startsWith('<svg', at) && /[\s>/]/.test(s[at + 4] ?? '');
}
