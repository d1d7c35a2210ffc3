import { describe, expect, it } from 'vitest';
import { formatSol, formatUsd, humanize, shorten } from './format.ts';

describe('admin formatting', () => {
  it('groups USD decimal strings without going through floats', () => {
    expect(formatUsd('100000')).toBe('$100,000');
    expect(formatUsd('12345678901234567890.5')).toBe('$12,345,678,901,234,567,890.50');
    expect(formatUsd('1250.12345678')).toBe('$1,250.12');
    expect(formatUsd('0')).toBe('$0');
  });

  it('shows lamports as SOL with up to four decimals', () => {
    expect(formatSol('100000000000')).toBe('100 SOL');
    expect(formatSol('2039280')).toBe('0.002 SOL');
    expect(formatSol(1n)).toBe('< 0.0001 SOL');
    expect(formatSol('0')).toBe('0 SOL');
  });

  it('humanizes codes and shortens long ids', () => {
    expect(humanize('needs_compensation')).toBe('Needs compensation');
    expect(humanize('issuance.minted')).toBe('Issuance minted');
    expect(shorten('DaB2VHioHS6xXQVwpeAQkkXfDgAE7DWWwnMGcpJxLVtk', 4)).toBe('DaB2…LVtk');
    expect(shorten(null)).toBe('—');
  });
});
