import { describe, expect, it } from 'vitest';
import { SNIFF_PREFIX_BYTES, sniffContentType } from './sniff-content-type.ts';

const bytes = (...b: number[]) => Uint8Array.from(b);
const text = (s: string) => new TextEncoder().encode(s);

describe('content type sniffing', () => {
  it.each([
    ['PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13), 'image/png'],
    ['JPEG', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16), 'image/jpeg'],
    ['GIF', text('GIF89a\u0001\u0000'), 'image/gif'],
    ['JSON object', text(' {"name":"Gold"}\n'), 'application/json; charset=utf-8'],
    ['JSON array', text('[1,2]'), 'application/json; charset=utf-8'],
    ['SVG', text('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/svg+xml'],
    ['SVG with prolog', text('<?xml version="1.0"?>\n<!-- x -->\n<svg width="1"></svg>'), 'image/svg+xml'],
    ['plain text', text('hello world\n'), 'text/plain; charset=utf-8'],
    ['almost JSON', text('{not json'), 'text/plain; charset=utf-8'],
    ['binary', bytes(0, 1, 2, 0xfe), 'application/octet-stream'],
    ['invalid UTF-8', bytes(0xc3, 0x28), 'application/octet-stream'],
  ])('%s', (_name, input, expected) => {
    expect(sniffContentType(input)).toBe(expected);
  });
});

/** Worst cases for a backtracking matcher: each must be classified in linear time. */
const adversarial: Array<[string, string]> = [
  // The 193-byte payload that held the event loop for seconds.
  ['24 comments then no <svg>', '<!--a-->'.repeat(24) + '!'],
  ['1 MB of comments then no <svg>', '<!--a-->'.repeat(131_072) + '!'],
  ['1 MB of nested comment openers', '<!--'.repeat(262_144)],
  ['1 MB of unclosed tags', '<?xml '.repeat(174_763)],
  ['1 MB of comments, doctypes and whitespace', '<!-- a --> <!DOCTYPE svg > \n'.repeat(37_450) + '<x'],
];

describe('content type sniffing in linear time', () => {
  it.each(adversarial)('%s: classified in a few milliseconds', (_name, payload) => {
    const input = text(payload);
    sniffContentType(input); // warm up the JIT: the budget is for the work, not compilation
    // The fastest of a few runs: a busy shared machine adds time, never removes it. The old
    // backtracking took seconds on the 193-byte case, so a loose budget still tells them apart.
    let ms = Infinity;
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      expect(sniffContentType(input)).toBe('text/plain; charset=utf-8');
      ms = Math.min(ms, performance.now() - started);
    }
    expect(ms).toBeLessThan(250);
  });

  it('still finds an SVG behind comments, a prolog and a doctype', () => {
    const svg = `<?xml version="1.0"?>\n<!-- a -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN">\n<!-- b --><SVG/>`;
    expect(sniffContentType(text(svg))).toBe('image/svg+xml');
    expect(sniffContentType(text('<svg>'))).toBe('image/svg+xml');
    expect(sniffContentType(text('<svgfoo>'))).toBe('text/plain; charset=utf-8');
    expect(sniffContentType(text('<!-- <svg> -->'))).toBe('text/plain; charset=utf-8');
  });

  it('reads only a bounded prefix: what lies past it does not change the answer', () => {
    const prefix = '<svg xmlns="http://www.w3.org/2000/svg">' + ' '.repeat(SNIFF_PREFIX_BYTES);
    expect(sniffContentType(Buffer.concat([text(prefix), bytes(0, 0xff, 0xfe)]))).toBe('image/svg+xml');
    // A multi-byte character cut by the prefix boundary is not "invalid UTF-8".
    const cut = 'a'.repeat(SNIFF_PREFIX_BYTES - 1) + 'é';
    expect(sniffContentType(text(cut))).toBe('text/plain; charset=utf-8');
  });
});
