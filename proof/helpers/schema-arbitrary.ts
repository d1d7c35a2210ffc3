import fc from 'fast-check';

/** The part of JSON Schema the OpenAPI document uses (zod's output, no `$ref`). */
export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  nullable?: boolean;
}

const SHORT = 8;

/**
 * Strings with no whitespace: zod trims many fields before checking them, so "too long" or
 * "not in the enum" must not be rescued by a trim.
 */
const solidString = (constraints: fc.StringConstraints = {}) =>
  fc.string(constraints).map((v) => v.replace(/\s/g, '_'));
const typeOf = (s: JsonSchema) => s.type ?? (s.properties ? 'object' : undefined);

/** Values the schema accepts (as far as JSON Schema says; zod refinements may still refuse). */
export function validValue(s: JsonSchema): fc.Arbitrary<unknown> {
  const base = validBase(s);
  return s.nullable ? fc.oneof(base, fc.constant(null)) : base;
}

function validBase(s: JsonSchema): fc.Arbitrary<unknown> {
  if (s.enum) return fc.constantFrom(...s.enum);
  if ('const' in s) return fc.constant(s.const);
  const union = s.anyOf ?? s.oneOf;
  if (union) return fc.oneof(...union.map(validValue));
  switch (typeOf(s)) {
    case 'string':
      return validString(s);
    case 'integer':
      return fc.integer({
        min: Math.max(s.minimum ?? -1_000, -1_000),
        max: Math.min(s.maximum ?? 1_000_000, 1_000_000),
      });
    case 'number':
      return fc.double({
        min: s.minimum ?? -1e6,
        max: s.maximum ?? 1e6,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(validValue(s.items ?? {}), {
        minLength: s.minItems ?? 0,
        maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 3, 3)),
      });
    case 'object': {
      const model = Object.fromEntries(
        Object.entries(s.properties ?? {}).map(([k, v]) => [k, validValue(v)]),
      );
      return fc.record(model, { requiredKeys: s.required ?? [] });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function validString(s: JsonSchema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? Number.MAX_SAFE_INTEGER;
  const fits = (v: string) => v.length >= min && v.length <= max;
  if (s.format === 'uuid') return fc.uuid();
  if (s.format === 'date-time') {
    return fc
      .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString());
  }
  if (s.format === 'email') return fc.emailAddress().filter(fits);
  if (s.pattern) {
    // "^[class]+$" with length bounds (addresses, base58): draw characters of the class directly;
    // filtering free-form matches by length would almost never succeed.
    const repeated = /^\^(\[[^\]]+\])[+*]\$$/.exec(s.pattern);
    if (repeated) {
      const one = new RegExp(`^${repeated[1]}$`);
      const chars = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).filter((c) =>
        one.test(c),
      );
      return fc.string({
        unit: fc.constantFrom(...chars),
        minLength: Math.max(min, 1),
        maxLength: Math.min(max, min + 16),
      });
    }
    return fc.stringMatching(new RegExp(s.pattern)).filter(fits);
  }
  return fc.string({ minLength: min, maxLength: Math.min(max, min + SHORT * 4) });
}

/** Values the schema refuses, each with one thing wrong (a guaranteed violation). */
export function invalidValue(s: JsonSchema): fc.Arbitrary<unknown> {
  const wrong = wrongType(s);
  const options: fc.Arbitrary<unknown>[] = wrong ? [wrong] : [];
  const type = typeOf(s);
  if (s.enum) {
    options.push(solidString().filter((v) => !s.enum!.includes(v)));
  } else if (s.anyOf ?? s.oneOf) {
    const branches = (s.anyOf ?? s.oneOf)!;
    // An empty object misses the required keys of every branch that has any.
    if (branches.every((b) => typeOf(b) === 'object' && (b.required?.length ?? 0) > 0))
      options.push(fc.constant({}));
  } else if (type === 'string') {
    if ((s.minLength ?? 0) > 0) options.push(solidString({ maxLength: s.minLength! - 1 }));
    if (s.maxLength !== undefined)
      options.push(solidString({ minLength: s.maxLength + 1, maxLength: s.maxLength + 10 }));
    const pattern = s.pattern ? new RegExp(s.pattern) : undefined;
    if (pattern) options.push(solidString({ minLength: 1 }).filter((v) => !pattern.test(v)));
  } else if (type === 'integer' || type === 'number') {
    if (s.minimum !== undefined) options.push(fc.nat(1_000).map((k) => Math.ceil(s.minimum!) - 1 - k));
    if (s.maximum !== undefined) options.push(fc.nat(1_000).map((k) => Math.floor(s.maximum!) + 1 + k));
    if (type === 'integer')
      options.push(fc.double({ noInteger: true, noNaN: true, noDefaultInfinity: true }));
  } else if (type === 'array') {
    if ((s.minItems ?? 0) > 0) options.push(fc.constant([]));
    if (s.maxItems !== undefined && s.maxItems < 50) {
      options.push(
        fc.array(validValue(s.items ?? {}), { minLength: s.maxItems + 1, maxLength: s.maxItems + 2 }),
      );
    }
    if (s.items) options.push(fc.tuple(invalidValue(s.items)).map((one) => one));
  } else if (type === 'object') {
    options.push(...invalidObjects(s));
  }
  return fc.oneof(...options);
}

function invalidObjects(s: JsonSchema): fc.Arbitrary<unknown>[] {
  const valid = validValue({ ...s, nullable: false }) as fc.Arbitrary<Record<string, unknown>>;
  const options: fc.Arbitrary<unknown>[] = [];
  const required = s.required ?? [];
  if (required.length > 0) {
    options.push(
      fc.tuple(valid, fc.constantFrom(...required)).map(([v, key]) => {
        const { [key]: _dropped, ...copy } = v;
        return copy;
      }),
    );
  }
  const props = Object.entries(s.properties ?? {});
  if (props.length > 0) {
    options.push(
      fc
        .constantFrom(...props)
        .chain(([key, schema]) => fc.tuple(valid, fc.constant(key), invalidValue(schema)))
        .map(([v, key, bad]) => ({ ...v, [key]: bad })),
    );
  }
  if (s.additionalProperties === false) {
    const known = new Set(props.map(([k]) => k));
    options.push(
      fc
        .tuple(
          valid,
          fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !known.has(k)),
          fc.jsonValue(),
        )
        .map(([v, k, extra]) => ({ ...v, [k]: extra })),
    );
  }
  return options;
}

/** A JSON value of a type the schema does not allow at all (undefined: it allows any). */
function wrongType(s: JsonSchema): fc.Arbitrary<unknown> | undefined {
  const allowed = new Set<string>();
  const collect = (x: JsonSchema) => {
    if (x.anyOf ?? x.oneOf) (x.anyOf ?? x.oneOf)!.forEach(collect);
    else if (x.enum) x.enum.forEach((v) => allowed.add(v === null ? 'null' : typeof v));
    else allowed.add(typeOf(x) ?? 'any');
    if (x.nullable) allowed.add('null');
  };
  collect(s);
  if (allowed.has('integer')) allowed.add('number');
  const candidates: Array<[string, fc.Arbitrary<unknown>]> = [
    ['string', fc.string()],
    ['number', fc.integer()],
    ['boolean', fc.boolean()],
    ['null', fc.constant(null)],
    ['array', fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 })],
    ['object', fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 })],
  ];
  const wrong = candidates.filter(([t]) => !allowed.has(t) && !allowed.has('any')).map(([, a]) => a);
  return wrong.length > 0 ? fc.oneof(...wrong) : undefined;
}

/** A query or path value (always a string on the wire) the schema accepts. */
export function validWire(s: JsonSchema): fc.Arbitrary<string> {
  return validValue({ ...s, nullable: false }).map((v) => String(v));
}

/**
 * A query or path string the schema refuses, or undefined when it accepts any string. Numbers
 * are written so that coercion cannot rescue them ("1e2", " 12 " and "0x10" would parse).
 */
export function invalidWire(s: JsonSchema): fc.Arbitrary<string> | undefined {
  const type = typeOf(s);
  if (type === 'integer' || type === 'number') {
    const options: fc.Arbitrary<string>[] = [fc.constantFrom('abc', 'NaN', 'one', '1,5', '--1')];
    if (type === 'integer') options.push(fc.constantFrom('1.5', '2.25'));
    const beyond = (edge: number, sign: 1n | -1n) =>
      fc.nat(1_000).map((k) => (BigInt(edge) + sign * (1n + BigInt(k))).toString());
    if (s.minimum !== undefined) options.push(beyond(Math.ceil(s.minimum), -1n));
    if (s.maximum !== undefined) options.push(beyond(Math.floor(s.maximum), 1n));
    return fc.oneof(...options);
  }
  if (type !== 'string') return undefined;
  const options: fc.Arbitrary<string>[] = [];
  if (s.enum) options.push(solidString({ minLength: 1 }).filter((v) => !s.enum!.includes(v)));
  if (s.maxLength !== undefined)
    options.push(solidString({ minLength: s.maxLength + 1, maxLength: s.maxLength + 10 }));
  if ((s.minLength ?? 0) > 1) options.push(solidString({ minLength: 1, maxLength: s.minLength! - 1 }));
  if (s.pattern) {
    const pattern = new RegExp(s.pattern);
    options.push(solidString({ minLength: 1 }).filter((v) => !pattern.test(v)));
  }
  return options.length > 0 ? fc.oneof(...options) : undefined;
}
