import { describe, expect, it } from 'vitest';
import { formatDate, formatSol, formatUsd, imageSrc } from './format.ts';

describe('formatting for people', () => {
  it('formats USD decimal strings exactly, rounding missing amounts up', () => {
    expect(formatUsd('400000')).toBe('$400,000');
    expect(formatUsd('1250.5')).toBe('$1,250.50');
    expect(formatUsd('0.00000001', 'ceil')).toBe('$0.01');
    expect(formatUsd('123456789012345678901234.99')).toBe('$123,456,789,012,345,678,901,234.99');
  });

  it('formats lamports as SOL', () => {
    expect(formatSol('2000000000')).toBe('2 SOL');
    expect(formatSol('7123400')).toBe('0.0072 SOL');
    expect(formatSol(1n)).toBe('0.0001 SOL');
  });

  it('formats a date without its time, and leaves what is not a date as it came', () => {
    const shown = formatDate('2027-06-30T12:00:00.000Z');
    expect(shown).toContain('2027');
    expect(shown).not.toMatch(/\d:\d\d/);
    expect(formatDate('soon')).toBe('soon');
  });

  it('loads ipfs:// images through this server’s gateway and refuses odd schemes', () => {
    expect(imageSrc('ipfs://bafkqaaa')).toBe('/ipfs/bafkqaaa');
    expect(imageSrc('https://example.com/a.png')).toBe('https://example.com/a.png');
    expect(imageSrc('javascript:alert(1)')).toBeUndefined();
    expect(imageSrc(null)).toBeUndefined();
  });
});
