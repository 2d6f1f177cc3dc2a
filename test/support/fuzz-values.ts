/** The slice of an OpenAPI schema object the fuzzer reads. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  required?: string[];
  example?: unknown;
  default?: unknown;
}

/** JSON text written into a body as it is: values JSON.stringify cannot produce (1e309 reads back as Infinity). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** Well past every maxLength of the API, but under the 100 kB JSON body limit on its own. */
export const HUGE_STRING = 'x'.repeat(100_000);

export interface ValueMutation {
  label: string;
  value: unknown;
}

/** A value the schema accepts, so that a request differs from a valid one by its mutation only. */
export function validValue(schema: Schema, resolve: (schema: Schema) => Schema): unknown {
  const resolved = resolve(schema);
  if (resolved.example !== undefined) return resolved.example;
  if (resolved.enum) return resolved.enum[0];
  switch (resolved.type) {
    case 'string':
      return validString(resolved);
    case 'integer':
    case 'number':
      return resolved.minimum === undefined ? Math.min(1, resolved.maximum ?? 1) : resolved.minimum + (resolved.exclusiveMinimum ? 1 : 0);
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: Math.max(1, resolved.minItems ?? 0) }, () => validValue(resolved.items ?? {}, resolve));
    default:
      return Object.fromEntries(Object.entries(resolved.properties ?? {}).map(([name, property]) => [name, validValue(property, resolve)]));
  }
}

function validString(schema: Schema): string {
  if (schema.format === 'uri') return 'https://fuzz.example.org';
  if (schema.format === 'email') return 'fuzz@example.org';
  if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
  // Lower-case kebab: offers and needs take tags of that form only.
  return 'fuzz-waarde'.padEnd(schema.minLength ?? 0, 'x');
}

/**
 * Values the schema rejects, each named for the test report. Null for every property the
 * schema does not mark nullable, required or not: left out and null are different things,
 * and a column that cannot hold null must not be sent one. Empty strings where the schema
 * asks for a non-empty one, and for every value that is no string; empty arrays for every
 * value that is no array.
 */
export function invalidValues(schema: Schema, resolve: (schema: Schema) => Schema): ValueMutation[] {
  const resolved = resolve(schema);
  const valid = validValue(resolved, resolve);
  const mutations: ValueMutation[] = [];
  if (!resolved.nullable) mutations.push({ label: 'null', value: null });
  if (resolved.type !== 'array') mutations.push({ label: 'array instead of a scalar', value: [valid] }, { label: 'empty array instead of a scalar', value: [] });
  if (resolved.type !== 'string') mutations.push({ label: 'empty string instead of a non-string', value: '' });
  if (resolved.enum) mutations.push(...badCodes(resolved.enum));
  switch (resolved.type) {
    case 'string':
      mutations.push(...invalidStrings(resolved));
      break;
    case 'integer':
    case 'number':
      mutations.push(...invalidNumbers(resolved));
      break;
    case 'boolean':
      mutations.push({ label: 'string "true"', value: 'true' }, { label: 'number 1', value: 1 }, { label: 'object', value: { value: true } });
      break;
    case 'array':
      mutations.push(...invalidArrays(resolved, resolve));
      break;
    default:
      mutations.push({ label: 'string instead of an object', value: 'fuzz' }, { label: 'number instead of an object', value: 42 }, { label: 'empty array', value: [] });
  }
  return mutations;
}

function badCodes(codes: unknown[]): ValueMutation[] {
  const first = String(codes[0]);
  const mutations: ValueMutation[] = [
    { label: 'unknown code', value: 'bestaat-niet' },
    { label: 'code in another case', value: first === first.toUpperCase() ? first.toLowerCase() : first.toUpperCase() },
    { label: 'code with a trailing space', value: `${first} ` },
    { label: 'empty code', value: '' },
  ];
  if (/^GM\d{4}$/.test(first)) mutations.push({ label: 'unknown gemeentecode', value: 'GM9999' });
  return mutations;
}

function invalidStrings(schema: Schema): ValueMutation[] {
  const mutations: ValueMutation[] = [
    { label: 'number instead of a string', value: 12345 },
    { label: 'boolean instead of a string', value: true },
    { label: 'object instead of a string', value: { text: 'fuzz' } },
    { label: 'NUL character (PostgreSQL text cannot hold it)', value: 'fuzz\u0000waarde' },
  ];
  if (schema.maxLength !== undefined) {
    mutations.push({ label: `longer than maxLength ${schema.maxLength}`, value: 'y'.repeat(schema.maxLength + 1) });
    if (schema.maxLength < HUGE_STRING.length) mutations.push({ label: '100k-character string', value: HUGE_STRING });
  }
  if (schema.minLength) mutations.push({ label: `shorter than minLength ${schema.minLength}`, value: 'y'.repeat(schema.minLength - 1) });
  // An empty string is a valid free text; not so where the schema asks for a length, a format or a pattern.
  const patternRefusesEmpty = schema.pattern !== undefined && !new RegExp(schema.pattern).test('');
  if (schema.minLength || schema.format || patternRefusesEmpty) mutations.push({ label: 'empty string', value: '' });
  if (schema.format === 'uri') mutations.push({ label: 'not a URL', value: 'javascript:alert(1)' }, { label: 'URL without scheme', value: 'fuzz example org' });
  if (schema.format === 'email') mutations.push({ label: 'not an e-mail address', value: 'fuzz-at-example.org' });
  if (schema.format === 'uuid') mutations.push({ label: 'not a uuid', value: 'not-a-uuid' }, { label: "uuid with SQL", value: "' OR 1=1 --" });
  return mutations;
}

function invalidNumbers(schema: Schema): ValueMutation[] {
  const mutations: ValueMutation[] = [
    { label: 'numeric string', value: String(validValue(schema, (same) => same)) },
    { label: 'NaN literal (invalid JSON)', value: new RawJson('NaN') },
    { label: '1e309 (Infinity)', value: new RawJson('1e309') },
    { label: '-1e309 (-Infinity)', value: new RawJson('-1e309') },
  ];
  if (schema.minimum !== undefined) {
    mutations.push({ label: `below minimum ${schema.minimum}`, value: schema.exclusiveMinimum ? schema.minimum : schema.minimum - 1 });
    if (schema.minimum >= 0) mutations.push({ label: 'negative', value: -7 });
  }
  if (schema.maximum !== undefined) mutations.push({ label: `above maximum ${schema.maximum}`, value: schema.maximum + 1 }, { label: '1e300', value: 1e300 });
  // Past what PostgreSQL's integer and bigint hold, and JSON's largest finite number: every number of the API is bounded.
  mutations.push(
    { label: 'huge 1e20', value: 1e20 },
    { label: 'huge negative -1e20', value: -1e20 },
    { label: '2^63 (past bigint)', value: new RawJson('9223372036854775808') },
    { label: 'largest double 1.7976931348623157e308', value: new RawJson('1.7976931348623157e308') },
  );
  if (schema.type === 'integer') mutations.push({ label: 'float for an integer', value: (schema.minimum ?? 0) + 1.5 }, { label: 'tiny fraction for an integer', value: (schema.minimum ?? 0) + 1e-9 });
  return mutations;
}

function invalidArrays(schema: Schema, resolve: (schema: Schema) => Schema): ValueMutation[] {
  const item = resolve(schema.items ?? {});
  const validItem = validValue(item, resolve);
  const mutations: ValueMutation[] = [
    { label: 'scalar instead of an array', value: validItem },
    { label: 'object instead of an array', value: { 0: validItem } },
    { label: 'nested array', value: [[validItem]] },
    { label: 'null item', value: [validItem, null] },
  ];
  if (schema.minItems) mutations.push({ label: `fewer than minItems ${schema.minItems}`, value: [] });
  if (schema.maxItems !== undefined) mutations.push({ label: `more than maxItems ${schema.maxItems}`, value: distinctItems(item, schema.maxItems + 1) });
  // List codes and tags are trimmed, lower-cased and de-duplicated before they are checked (CreatePartnerDto).
  const normalisedAway = new Set(['null', 'code in another case', 'code with a trailing space']);
  for (const invalidItem of invalidValues(item, resolve).filter((mutation) => !normalisedAway.has(mutation.label))) {
    mutations.push({ label: `item: ${invalidItem.label}`, value: [validItem, invalidItem.value] });
  }
  return mutations;
}

/** `count` different valid items (duplicates would be merged away); codes run out at the end of their list. */
function distinctItems(item: Schema, count: number): unknown[] {
  if (item.enum) return Array.from({ length: count }, (_, index) => item.enum![index] ?? `onbekend-${index}`);
  return Array.from({ length: count }, (_, index) => `fuzz-waarde-${index}`);
}

/** Whether a mutation makes the JSON text itself unreadable, so no field is left to name. */
export function breaksJson(value: unknown): boolean {
  if (value instanceof RawJson) {
    try {
      JSON.parse(value.text);
    } catch {
      return true;
    }
  }
  return Array.isArray(value) && value.some(breaksJson);
}

/** JSON.stringify that writes RawJson fragments as they are. */
export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([key, entry]) => `${JSON.stringify(key)}:${toJsonText(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
