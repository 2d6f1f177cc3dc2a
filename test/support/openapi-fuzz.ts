import type { OpenAPIObject } from '@nestjs/swagger';
import { mulberry32, pick, randomInt, type Random } from '@app/matching/synthetic';
import { breaksJson, HUGE_STRING, invalidValues, RawJson, toJsonText, validValue, type Schema } from './fuzz-values';

/**
 * Malformed requests for every operation of an OpenAPI document. Each starts from a valid
 * request (real ids for the path, a body the schema accepts) and breaks one thing — or,
 * in the seeded random part, two or three — so every answer is about what was broken.
 */

export interface Operation {
  method: string;
  path: string;
  parameters: { name: string; in: 'path' | 'query'; required: boolean; schema: Schema }[];
  body?: { contentType: string; schema: Schema };
}

type Body =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; contentType?: string; text: string | Uint8Array }
  | { kind: 'multipart'; fields: { name: string; filename?: string; type: string; content: string | Uint8Array }[] };

interface RequestSpec {
  operation: Operation;
  pathParams: Record<string, string>;
  query: [string, string][];
  body: Body;
}

/**
 * `field`: a parameter or property was given a bad value, so a 400 must name a field.
 * `transport`: the request as a whole is malformed (JSON, content type), any 4xx fits.
 */
export type MutationKind = 'field' | 'transport';

interface Mutation {
  label: string;
  kind: MutationKind;
  /** The parameter or top-level property a 400 must name. */
  field?: string;
  /** What the mutation touches; random combinations break different slots. */
  slot: string;
  /** For a missing or wrong-type value: the words the field's message must use (single mutations only). */
  message?: RegExp;
  apply(spec: RequestSpec): RequestSpec;
}

export interface FuzzRequest {
  label: string;
  kind: MutationKind;
  /** For field mutations: a 400 must name one of these (or a path below one). */
  fields: string[];
  /** A 400 must say this about the field it names: "is required", "must be an integer", ... */
  message?: RegExp;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | FormData;
}

/** Valid path parameter values: real ids and slugs created before the fuzzing starts. */
export type PathValues = (operation: Operation, parameter: string) => string;

/** Ids and slugs nothing has: with a valid body, a mutating route must answer 404 and change nothing. */
const UNKNOWN_IDS = [
  'bestaat-niet',
  '00000000-0000-4000-8000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '-1',
  '0',
  '1.5',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  "'; DROP TABLE partner; --",
  '%00',
  '%2F..%2F..%2Fetc%2Fpasswd',
  '..',
  '%',
  '%E0%A4%A',
  '%F0%9F%A6%84',
  '%20',
  '*',
  'a'.repeat(4000),
  'GM9999',
  // Numeric extremes, for a route that would read its id as a number.
  '1e20',
  '9223372036854775808',
  '1e308',
  'NaN',
  'Infinity',
  '-0',
];

const INVALID_JSON = ['{', '{"name": }', "{'name': 'x'}", '{"a": 1,}', 'NaN', '\u0000', '{"a": "\\u00"}', '{"a": 1} trailing'];

export function operationsOf(document: OpenAPIObject): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const parameters = (operation.parameters ?? [])
        .filter((parameter): parameter is { name: string; in: 'path' | 'query'; required?: boolean; schema: Schema } => 'in' in parameter && (parameter.in === 'path' || parameter.in === 'query'))
        .map((parameter) => ({ name: parameter.name, in: parameter.in, required: parameter.required ?? false, schema: parameter.schema ?? {} }));
      const content = operation.requestBody && 'content' in operation.requestBody ? operation.requestBody.content : undefined;
      const contentType = content ? Object.keys(content)[0] : undefined;
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters,
        body: contentType ? { contentType, schema: (content![contentType].schema ?? {}) as Schema } : undefined,
      });
    }
  }
  return operations;
}

export class OpenApiFuzzer {
  private readonly resolve = (schema: Schema): Schema => {
    if (!schema.$ref) return schema;
    const name = schema.$ref.replace('#/components/schemas/', '');
    return this.resolve(this.document.components!.schemas![name] as Schema);
  };

  constructor(
    private readonly document: OpenAPIObject,
    private readonly pathValues: PathValues,
  ) {}

  /** Every single mutation of every operation, then seeded combinations until there are at least `total`. */
  requests(total: number, seed: number): FuzzRequest[] {
    const perOperation = operationsOf(this.document).map((operation) => ({ operation, mutations: this.mutationsOf(operation) }));
    const requests: FuzzRequest[] = perOperation.flatMap(({ operation, mutations }) => mutations.map((mutation) => ({ ...this.render(mutation.apply(this.baseline(operation)), mutation.label, mutation.kind, mutation.field ? [mutation.field] : []), message: mutation.message })));
    const random = mulberry32(seed);
    const combinable = perOperation.filter(({ mutations }) => new Set(mutations.map((mutation) => mutation.slot)).size >= 2);
    while (requests.length < total) {
      const { operation, mutations } = pick(random, combinable);
      requests.push(this.combination(operation, mutations, random));
    }
    return requests;
  }

  private combination(operation: Operation, mutations: Mutation[], random: Random): FuzzRequest {
    const chosen: Mutation[] = [];
    const count = randomInt(random, 2, 3);
    for (let guard = 0; chosen.length < count && guard < 50; guard++) {
      const candidate = pick(random, mutations);
      if (!chosen.some((mutation) => mutation.slot === candidate.slot)) chosen.push(candidate);
    }
    const spec = chosen.reduce((current, mutation) => mutation.apply(current), this.baseline(operation));
    const kind = chosen.some((mutation) => mutation.kind === 'transport') ? 'transport' : 'field';
    const fields = chosen.flatMap((mutation) => (mutation.field ? [mutation.field] : []));
    return this.render(spec, `random: ${chosen.map((mutation) => mutation.label).join(' + ')}`, kind, fields);
  }

  private baseline(operation: Operation): RequestSpec {
    const pathParams = Object.fromEntries(
      operation.parameters.filter((parameter) => parameter.in === 'path').map((parameter) => [parameter.name, encodeURIComponent(this.pathValues(operation, parameter.name))]),
    );
    const query = operation.parameters
      .filter((parameter) => parameter.in === 'query' && parameter.required)
      .map((parameter): [string, string] => [parameter.name, String(validValue(parameter.schema, this.resolve))]);
    const body: Body = !operation.body
      ? { kind: 'none' }
      : operation.body.contentType === 'multipart/form-data'
        ? { kind: 'multipart', fields: [] }
        : { kind: 'json', value: validValue(operation.body.schema, this.resolve) };
    return { operation, pathParams, query, body };
  }

  private mutationsOf(operation: Operation): Mutation[] {
    const mutations: Mutation[] = [];
    for (const parameter of operation.parameters) {
      if (parameter.in === 'path') mutations.push(...pathMutations(parameter.name));
      else mutations.push(...this.queryMutations(parameter));
    }
    // A route without query parameters ignores the query, as HTTP allows; that is no malformed input to a DELETE.
    if (operation.method === 'GET' || operation.parameters.some((parameter) => parameter.in === 'query')) mutations.push(...unknownQueryMutations());
    if (operation.body?.contentType === 'multipart/form-data') mutations.push(...multipartMutations());
    else if (operation.body) mutations.push(...this.bodyMutations(operation.body.schema, []), ...wholeBodyMutations(), ...contentTypeMutations());
    mutations.push(...invalidJsonMutations());
    return mutations;
  }

  private queryMutations(parameter: Operation['parameters'][number]): Mutation[] {
    const schema = this.resolve(parameter.schema);
    const values: [string, string][] = [
      ['empty value', ''],
      ['"null"', 'null'],
      ['NUL byte', '\u0000'],
      ['unicode', '🦄'],
      ['SQL', "' OR 1=1 --"],
      ['8k-character value', HUGE_STRING.slice(0, 8000)],
    ];
    if (schema.enum) values.push(['unknown code', 'bestaat-niet'], ['code in upper case', String(schema.enum[0]).toUpperCase()]);
    if (schema.type === 'number' || schema.type === 'integer') {
      values.push(['not a number', 'abc'], ['NaN', 'NaN'], ['Infinity', 'Infinity'], ['-Infinity', '-Infinity'], ['1e309', '1e309'], ['hexadecimal', '0x10'], ['comma decimal', '1,5'], ['400 digits', '9'.repeat(400)]);
      // Past bigint (PostgreSQL's OFFSET and LIMIT), and forms Number() reads as integers.
      values.push(['huge 1e20', '1e20'], ['1e308', '1e308'], ['2^63', '9223372036854775808'], ['huge negative', '-1e20'], ['exponent form 1e1', '1e1'], ['tiny fraction', '1.000000001']);
      if (schema.minimum !== undefined) values.push(['below minimum', String(schema.minimum - 1)], ['negative', '-5']);
      if (schema.maximum !== undefined) values.push(['above maximum', String(schema.maximum + 1)]);
      values.push(['float', '1.5']);
    }
    if (schema.type === 'boolean') values.push(['yes', 'yes'], ['1', '1'], ['TRUE', 'TRUE']);
    if (schema.maxLength !== undefined) values.push([`longer than maxLength ${schema.maxLength}`, 'y'.repeat(schema.maxLength + 1)]);
    const name = parameter.name;
    const slot = `query ${name}`;
    const setQuery = (pairs: [string, string][]) => (spec: RequestSpec): RequestSpec => ({ ...spec, query: [...spec.query.filter(([key]) => key !== name), ...pairs] });
    const mutations: Mutation[] = values.map(([label, value]) => ({ label: `query ${name}: ${label}`, kind: 'field', field: name, slot, message: queryTypeWording(schema, value), apply: setQuery([[name, value]]) }));
    const valid = String(validValue(schema, this.resolve));
    mutations.push(
      { label: `query ${name}: repeated (array)`, kind: 'field', field: name, slot, apply: setQuery([[name, valid], [name, valid]]) },
      { label: `query ${name}: object (${name}[key])`, kind: 'field', field: name, slot, apply: setQuery([[`${name}[key]`, valid]]) },
    );
    if (parameter.required) mutations.push({ label: `query ${name}: missing`, kind: 'field', field: name, slot, message: REQUIRED, apply: setQuery([]) });
    return mutations;
  }

  /** Every property, nested ones too, given each invalid value; required ones left out; unknown ones added. */
  private bodyMutations(schema: Schema, path: string[]): Mutation[] {
    const resolved = this.resolve(schema);
    const mutations: Mutation[] = [];
    const name = path.length ? `body.${path.join('.')}` : 'body';
    const slot = path.length ? name : 'body root';
    const field = path[0];
    for (const invalid of path.length ? invalidValues(resolved, this.resolve) : []) {
      const kind = breaksJson(invalid.value) ? 'transport' : 'field';
      mutations.push({ label: `${name}: ${invalid.label}`, kind, field, slot, message: typeWording(resolved, invalid.value), apply: setBodyValue(path, invalid.value) });
    }
    if (resolved.properties) {
      for (const [property, propertySchema] of Object.entries(resolved.properties)) {
        mutations.push(...this.bodyMutations(propertySchema, [...path, property]));
      }
      for (const missing of resolved.required ?? []) {
        mutations.push({ label: `${name}: required ${missing} missing`, kind: 'field', field: field ?? missing, slot: `body.${[...path, missing].join('.')}`, message: REQUIRED, apply: setBodyValue([...path, missing], undefined) });
      }
    }
    if (typeof resolved.additionalProperties === 'object') mutations.push(...this.mapMutations(resolved, path, validValue(resolved, this.resolve) as Record<string, unknown>));
    if (resolved.type === 'object' || resolved.properties) {
      mutations.push({ label: `${name}: unknown property`, kind: 'field', field: field ?? 'fuzzExtra', slot: `${name}.fuzzExtra`, apply: setBodyValue([...path, 'fuzzExtra'], 1) });
    }
    return mutations;
  }

  /** A map like sector × sector affinity: a key missing, an unknown key, and the first entry's value broken. */
  private mapMutations(schema: Schema, path: string[], example: Record<string, unknown>): Mutation[] {
    const [firstKey] = Object.keys(example);
    const name = `body.${path.join('.')}`;
    const field = path[0];
    const mutations: Mutation[] = [
      { label: `${name}: key ${firstKey} missing`, kind: 'field', field, slot: `${name}.${firstKey}`, apply: setBodyValue([...path, firstKey], undefined) },
      { label: `${name}: unknown key`, kind: 'field', field, slot: `${name}.bestaat-niet`, apply: setBodyValue([...path, 'bestaat-niet'], example[firstKey]) },
    ];
    const entrySchema = this.resolve(schema.additionalProperties as Schema);
    if (typeof entrySchema.additionalProperties === 'object') {
      return [...mutations, ...this.mapMutations(entrySchema, [...path, firstKey], example[firstKey] as Record<string, unknown>)];
    }
    for (const invalid of invalidValues(entrySchema, this.resolve)) {
      const kind = breaksJson(invalid.value) ? 'transport' : 'field';
      mutations.push({ label: `${name}.${firstKey}: ${invalid.label}`, kind, field, slot: `${name}.${firstKey}`, apply: setBodyValue([...path, firstKey], invalid.value) });
    }
    return mutations;
  }

  private render(spec: RequestSpec, mutation: string, kind: MutationKind, fields: string[]): FuzzRequest {
    const { operation } = spec;
    const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => spec.pathParams[name]);
    const query = spec.query.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&');
    const request: FuzzRequest = { label: `${operation.method} ${operation.path} — ${mutation}`, kind, fields, method: operation.method, url: query ? `${path}?${query}` : path, headers: {} };
    const { body } = spec;
    if (body.kind === 'json') {
      request.headers['content-type'] = 'application/json';
      request.body = toJsonText(body.value);
    } else if (body.kind === 'raw') {
      if (body.contentType) request.headers['content-type'] = body.contentType;
      request.body = body.text;
    } else if (body.kind === 'multipart') {
      const form = new FormData();
      for (const field of body.fields) {
        if (field.filename === undefined) form.append(field.name, String(field.content));
        else form.append(field.name, new Blob([field.content], { type: field.type }), field.filename);
      }
      request.body = form;
    }
    return request;
  }
}

/**
 * The message class of every DTO (apps/api/src/problems/validation.ts): a missing value
 * "is required", a value of the wrong type "must be" of its type, before any range or format.
 */
const REQUIRED = /is required/;

function typeWording(schema: Schema, value: unknown): RegExp | undefined {
  if (value === null || value === undefined || value instanceof RawJson) return undefined;
  if (schema.enum) return typeof value === 'string' ? undefined : /must be (a string|one of)/;
  switch (schema.type) {
    case 'string':
      return typeof value === 'string' ? undefined : /must be a string/;
    case 'integer':
      return Number.isInteger(value) ? undefined : /must be an integer/;
    case 'number':
      return typeof value === 'number' ? undefined : /must be a number/;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : /must be a boolean/;
    case 'array':
      return Array.isArray(value) ? undefined : /must be an array/;
    default:
      return schema.properties || schema.additionalProperties ? (typeof value === 'object' && !Array.isArray(value) ? undefined : /must be an object/) : undefined;
  }
}

/** A query value is always text: only digits are an integer (a number: digits with a point). */
function queryTypeWording(schema: Schema, value: string): RegExp | undefined {
  if (schema.type === 'integer' && !/^\d+$/.test(value) && value !== '') return /must be an integer/;
  return undefined;
}

function setBodyValue(path: string[], value: unknown): (spec: RequestSpec) => RequestSpec {
  return (spec) => {
    if (spec.body.kind !== 'json') return spec;
    return { ...spec, body: { kind: 'json', value: withValueAt(spec.body.value, path, value) } };
  };
}

/** A copy of `target` with the value at `path` replaced (or removed, for undefined). */
function withValueAt(target: unknown, path: string[], value: unknown): unknown {
  const [key, ...rest] = path;
  const copy: Record<string, unknown> = target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...(target as object) } : {};
  const next = rest.length ? withValueAt(copy[key], rest, value) : value;
  if (next === undefined) delete copy[key];
  else copy[key] = next;
  return copy;
}

function pathMutations(name: string): Mutation[] {
  return UNKNOWN_IDS.map((value) => ({
    label: `path ${name}: ${value.length > 40 ? `${value.length}-character value` : JSON.stringify(value)}`,
    // A path that cannot be percent-decoded fails before any parameter exists to name.
    kind: /^%(E0%A4%A)?$/.test(value) ? ('transport' as const) : ('field' as const),
    field: name,
    slot: `path ${name}`,
    // Raw, not encoded: the odd encodings (%, %E0%A4%A, %2F) are what is being tried.
    apply: (spec: RequestSpec) => ({ ...spec, pathParams: { ...spec.pathParams, [name]: value.startsWith("'") ? encodeURIComponent(value) : value } }),
  }));
}

function unknownQueryMutations(): Mutation[] {
  const unknown: [string, string][] = [['fuzz', '1'], ['__proto__[isAdmin]', 'true'], ['constructor[prototype][isAdmin]', 'true']];
  return unknown.map(([key, value]) => ({
    label: `unknown query parameter ${key}`,
    kind: 'field' as const,
    field: key.split('[')[0],
    slot: 'query unknown',
    apply: (spec: RequestSpec) => ({ ...spec, query: [...spec.query, [key, value]] }),
  }));
}

function wholeBodyMutations(): Mutation[] {
  const replacements: [string, unknown][] = [
    ['array body', [{}]],
    ['null body', null],
    ['string body', 'fuzz'],
    ['number body', 42],
    ['empty array body', []],
    ['body over the 100 kB limit', { padding: HUGE_STRING + HUGE_STRING }],
    ['array nested 10,000 deep', new RawJson(`${'['.repeat(10_000)}${']'.repeat(10_000)}`)],
    ['object nested 10,000 deep', new RawJson(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`)],
  ];
  return replacements.map(([label, value]) => ({ label, kind: 'transport' as const, slot: 'body root', apply: (spec: RequestSpec) => ({ ...spec, body: { kind: 'json' as const, value } }) }));
}

function contentTypeMutations(): Mutation[] {
  const asText = (spec: RequestSpec) => (spec.body.kind === 'json' ? toJsonText(spec.body.value) : '{}');
  const retyped = (label: string, contentType: string | undefined, text?: (spec: RequestSpec) => string): Mutation => ({
    label,
    kind: 'transport',
    slot: 'body root',
    apply: (spec) => ({ ...spec, body: { kind: 'raw', contentType, text: text ? text(spec) : asText(spec) } }),
  });
  return [
    retyped('JSON sent as text/plain', 'text/plain'),
    retyped('JSON without a content type', undefined),
    retyped('XML body', 'application/xml', () => '<partner><name>Fuzz</name></partner>'),
    retyped('form-encoded body', 'application/x-www-form-urlencoded', () => 'name=Fuzz&sector=onderwijs&scope=local'),
    retyped('JSON as multipart/form-data without boundary', 'multipart/form-data'),
    retyped('JSON with charset utf-16', 'application/json; charset=utf-16'),
    retyped('JSON with an unknown charset', 'application/json; charset=fuzz-8'),
  ];
}

function invalidJsonMutations(): Mutation[] {
  return INVALID_JSON.map((text) => ({
    label: `invalid JSON ${JSON.stringify(text.slice(0, 20))}`,
    kind: 'transport' as const,
    slot: 'body root',
    apply: (spec: RequestSpec) => ({ ...spec, body: { kind: 'raw' as const, contentType: 'application/json', text } }),
  }));
}

function multipartMutations(): Mutation[] {
  const csv = (rows: string) => `name,sector,scope,gemeenten\n${rows}`;
  const withFields = (label: string, fields: Extract<Body, { kind: 'multipart' }>['fields']): Mutation => ({
    label,
    // The rows' errors name rows[i].field, the file's own errors name file: either will do.
    kind: 'field',
    slot: 'body root',
    apply: (spec) => ({ ...spec, body: { kind: 'multipart', fields } }),
  });
  const file = (content: string | Uint8Array, filename = 'partners.csv', type = 'text/csv') => ({ name: 'file', filename, type, content });
  return [
    withFields('multipart without a file', []),
    withFields('file in a part with another name', [{ ...file(csv('Fuzz,onderwijs,local,GM0344')), name: 'upload' }]),
    withFields('file as a plain field, not a file', [{ name: 'file', type: 'text/plain', content: csv('Fuzz,onderwijs,local,GM0344') }]),
    withFields('PNG instead of CSV', [file(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), 'logo.png', 'image/png')]),
    withFields('CSV with an unknown sector', [file(csv('Fuzz partner,bakkerij,local,GM0344'))]),
    withFields('CSV with an unknown gemeente', [file(csv('Fuzz partner,onderwijs,local,GM9999'))]),
    withFields('CSV with a NUL character', [file(csv('Fuzz\u0000partner,onderwijs,local,GM0344'))]),
    withFields('CSV with a 100k-character name', [file(csv(`${HUGE_STRING},onderwijs,local,GM0344`))]),
    withFields('CSV with an unknown column', [file(`name,sector,scope,fuzz\nFuzz partner,onderwijs,national,1`)]),
    withFields('CSV without the required columns', [file('description\nalleen een beschrijving')]),
    withFields('CSV with an unterminated quote', [file(csv('"Fuzz partner,onderwijs,local,GM0344'))]),
    withFields('CSV with a valid row and an invalid row', [file(csv('Fuzz partner een,onderwijs,local,GM0344\nFuzz partner twee,onderwijs,local,'))]),
    withFields('binary garbage named .csv', [file(new Uint8Array(Array.from({ length: 512 }, (_, index) => (index * 37) % 256)))]),
    withFields('empty file', [file('')]),
    withFields('two files', [file(csv('Fuzz partner een,onderwijs,local,GM0344')), file(csv('Fuzz partner twee,onderwijs,local,GM0344'))]),
    withFields('file over the 5 MB limit', [file(csv(`Fuzz partner,onderwijs,local,GM0344\n`.repeat(160_000)))]),
    {
      label: 'multipart with a broken boundary',
      kind: 'transport',
      slot: 'body root',
      apply: (spec) => ({ ...spec, body: { kind: 'raw', contentType: 'multipart/form-data; boundary=fuzz', text: '--fuzz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nname\r\n' } }),
    },
    {
      label: 'JSON instead of multipart',
      kind: 'transport',
      slot: 'body root',
      apply: (spec) => ({ ...spec, body: { kind: 'raw', contentType: 'application/json', text: '{"file": "name,sector,scope"}' } }),
    },
  ];
}

