/**
 * JSON with object keys sorted (by UTF-16 code unit, as RFC 8785 JCS does) and no whitespace,
 * so equal values always give equal bytes and so equal CIDs. Values JSON cannot represent
 * exactly (NaN, Infinity, bigint, functions, symbols) are refused rather than silently changed.
 */
export function canonicalJson(value: unknown): string {
  const out = write(value, '$');
  if (out === undefined) throw new TypeError('canonicalJson: the value has no JSON form');
  return out;
}

function write(value: unknown, path: string): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return write((value as { toJSON(): unknown }).toJSON(), path);
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${path} is not a finite number`);
      return JSON.stringify(value);
    case 'undefined':
      return undefined;
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value.map((v, i) => write(v, `${path}[${i}]`) ?? 'null').join(',')}]`;
      }
      const entries: string[] = [];
      for (const key of Object.keys(value).sort()) {
        const v = write((value as Record<string, unknown>)[key], `${path}.${key}`);
        if (v !== undefined) entries.push(`${JSON.stringify(key)}:${v}`);
      }
      return `{${entries.join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: ${path} is a ${typeof value}, which JSON cannot represent`);
  }
}
