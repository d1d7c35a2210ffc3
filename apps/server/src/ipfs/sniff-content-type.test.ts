import { describe, expect, it } from 'vitest';
import { sniffContentType } from './sniff-content-type.ts';

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
