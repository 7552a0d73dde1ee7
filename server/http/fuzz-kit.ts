/**
 * Generated requests for server/http/fuzz.test.ts: every place of a valid
 * request given each hostile value in turn, and requests drawn from a
 * route's zod schema whose values are now valid, now hostile.
 */
import fc from 'fast-check';
import { z } from 'zod';

const NUL = '\u0000';
const HIGH = '\ud800';
const LOW = '\udc00';
/** Stands for a value nested 5,000 deep; spliced into the JSON text, since JSON.stringify would overflow. */
const DEEP = '@@DEEP@@';
const DEEP_TEXT = `${'[{"a":'.repeat(2500)}0${'}]'.repeat(2500)}`;

export type QueryValue = string | string[];

/** A request before it is encoded: the fuzzer changes one part of it at a time. */
export interface RequestShape {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  /** With `:name` placeholders filled from params. */
  route: string;
  params: Record<string, string>;
  query: Record<string, QueryValue>;
  /** Appended to the query string as is (malformed percent-encoding). */
  rawQuery?: string;
  /** A JSON value (DEEP marks a deep one); undefined sends no body. */
  body?: unknown;
  /** Sent instead of body. */
  rawBody?: { contentType: string; text: string };
  /** 'session': the route's own token; otherwise the Authorization header itself, or none. */
  authorization: 'session' | { header: string } | null;
}

/** Values of every type and shape that a field should not get. */
const HOSTILE_VALUES: unknown[] = [
  null, true, false, 0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 2, '', 'x', NUL, `a${NUL}b`, HIGH, LOW, `${LOW}${HIGH}`,
  'x'.repeat(300_000), [], {}, [NUL], { [NUL]: 1 }, { [HIGH]: 'x' }, DEEP, new Array<number>(30_000).fill(0),
];

/** Texts a query parameter should not be: not numbers, not ids, not text. */
const HOSTILE_QUERY: QueryValue[] = [
  '', NUL, `1${NUL}`, HIGH, `x${LOW}`, 'null', 'true', '[]', '{}', '-1', '1e3', '1.5', ' 1', '0x10', '+1', '9007199254740993',
  'x'.repeat(3000), ['1', '2'], ['99', '99'], '0.------------------------------------', `0.${'f'.repeat(36)}`,
  '9999999.0190c4e2-0000-7000-8000-000000000001', `0.0190c4e2-0000-7000-8000-000000000001${NUL}`,
];
const RAW_QUERIES = ['&cursor=%FF', '&scope=%E0%A4%A', '&after=%ED%A0%80', '&%00=1', '&limit=%00'];

const HOSTILE_PARAMS = ['', NUL, HIGH, 'x'.repeat(200), 'not-a-uuid', '0190C4E2-0000-7000-8000-00000000A004', `0190c4e2-0000-7000-8000-00000000a004${NUL}`, '..', '%', 'provinces'];

const HOSTILE_AUTH: RequestShape['authorization'][] = [
  null, { header: 'Bearer ' }, { header: 'Bearer x' }, { header: `Bearer ${'x'.repeat(5000)}` }, { header: 'Basic eDp5' }, { header: 'bearer' },
];

const HOSTILE_RAW_BODIES: NonNullable<RequestShape['rawBody']>[] = [
  { contentType: 'application/json', text: '{"a":' },
  { contentType: 'application/json', text: '' },
  { contentType: 'application/json', text: 'null' },
  { contentType: 'application/json', text: '[]' },
  { contentType: 'application/json', text: '"text"' },
  { contentType: 'application/json', text: '1' },
  { contentType: 'application/json', text: DEEP_TEXT },
  { contentType: 'application/json', text: '{"__proto__":{"admin":true}}' },
  { contentType: 'application/json', text: '{"constructor":{"prototype":{"admin":true}}}' },
  { contentType: 'application/json', text: '{"a":"\\u0000"}' },
  { contentType: 'application/json', text: '{"a":"\\ud800"}' },
  { contentType: 'text/plain', text: 'hello' },
  { contentType: 'application/x-www-form-urlencoded', text: 'a=1' },
];

type Path = (string | number)[];
const REMOVE = Symbol('remove');

function setAt(root: unknown, path: Path, value: unknown | typeof REMOVE): unknown {
  if (path.length === 0) return value;
  const copy: unknown = Array.isArray(root) ? [...(root as unknown[])] : { ...(root as Record<string, unknown>) };
  const [head, ...rest] = path;
  const container = copy as Record<string | number, unknown>;
  const next = setAt(container[head!], rest, value);
  if (next === REMOVE) {
    if (Array.isArray(copy)) copy.splice(Number(head), 1);
    else delete container[head!];
  } else {
    // An own property even for '__proto__', so the JSON text carries it.
    Object.defineProperty(container, head!, { value: next, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

/** Every place in a JSON value, parents before children. */
function placesOf(value: unknown, path: Path = []): { path: Path; value: unknown }[] {
  const own = { path, value };
  if (Array.isArray(value)) return [own, ...value.flatMap((item, i) => placesOf(item, [...path, i]))];
  if (value !== null && typeof value === 'object') return [own, ...Object.entries(value).flatMap(([k, v]) => placesOf(v, [...path, k]))];
  return [own];
}

/**
 * Requests that each change one place of `base` (params, query, body, token)
 * to a hostile value, labelled by what changed. Body places deeper than
 * `fullDepth` take every `stride`-th value, turn by turn, so every value
 * still reaches every level without multiplying the count.
 */
export function* mutationsOf(base: RequestShape, options = { fullDepth: 1, stride: 4 }): Generator<{ label: string; request: RequestShape }> {
  for (const authorization of HOSTILE_AUTH) yield { label: `auth ${JSON.stringify(authorization)}`, request: { ...base, authorization } };
  for (const name of Object.keys(base.params)) {
    for (const value of HOSTILE_PARAMS) yield { label: `param ${name}=${JSON.stringify(value)}`, request: { ...base, params: { ...base.params, [name]: value } } };
  }
  for (const name of Object.keys(base.query)) {
    const { [name]: _dropped, ...rest } = base.query;
    yield { label: `query -${name}`, request: { ...base, query: rest } };
    for (const value of HOSTILE_QUERY) yield { label: `query ${name}=${JSON.stringify(value)}`, request: { ...base, query: { ...base.query, [name]: value } } };
  }
  for (const raw of RAW_QUERIES) yield { label: `raw query ${raw}`, request: { ...base, rawQuery: raw } };
  yield { label: `query +${NUL}`, request: { ...base, query: { ...base.query, [`x${NUL}`]: '1' } } };
  if (base.method === 'GET') return;
  for (const rawBody of HOSTILE_RAW_BODIES) yield { label: `body ${rawBody.contentType} ${rawBody.text.slice(0, 30)}`, request: { ...base, rawBody } };
  let turn = 0;
  for (const place of placesOf(base.body)) {
    const where = place.path.join('.') || '(body)';
    const changes: { label: string; body: unknown }[] = [];
    const values = [...HOSTILE_VALUES];
    if (typeof place.value === 'string') values.push(`${place.value}${NUL}`, `${place.value}${HIGH}`, `${LOW}${place.value}`, place.value.toUpperCase(), ` ${place.value} `);
    for (const value of values) changes.push({ label: `body ${where}=${describe(value)}`, body: setAt(base.body, place.path, value) });
    if (place.path.length > 0) changes.push({ label: `body -${where}`, body: setAt(base.body, place.path, REMOVE) });
    if (place.value !== null && typeof place.value === 'object' && !Array.isArray(place.value)) {
      for (const key of [NUL, HIGH, '__proto__', 'constructor', 'x'.repeat(200)]) changes.push({ label: `body ${where}+${describe(key)}`, body: setAt(base.body, [...place.path, key], 'x') });
    }
    const all = place.path.length <= options.fullDepth;
    for (const change of changes) {
      if (all || turn++ % options.stride === 0) yield { label: change.label, request: { ...base, body: change.body } };
    }
  }
}

const describe = (value: unknown): string => {
  const text = typeof value === 'string' ? JSON.stringify(value) : Array.isArray(value) ? `[${value.length}]` : JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…(${text.length})` : text;
};

/** Percent-encodes a query or path text; a lone surrogate goes as its (invalid) three UTF-8-style bytes. */
function encodeText(text: string): string {
  return text.replace(/[\ud800-\udbff][\udc00-\udfff]|[\s\S]/g, (unit) => {
    const code = unit.charCodeAt(0);
    if (unit.length === 1 && code >= 0xd800 && code <= 0xdfff) {
      return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    }
    return encodeURIComponent(unit);
  });
}

/** The inject() options of a request shape. */
export function toInject(shape: RequestShape, token: string | null) {
  const path = shape.route.replace(/:(\w+)/g, (_, name: string) => encodeText(shape.params[name] ?? ''));
  const pairs = Object.entries(shape.query).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((item) => `${encodeText(k)}=${encodeText(item)}`));
  const query = pairs.join('&') + (shape.rawQuery ?? '');
  const headers: Record<string, string> = {};
  if (shape.authorization === 'session' && token !== null) headers.authorization = `Bearer ${token}`;
  else if (shape.authorization !== null && shape.authorization !== 'session') headers.authorization = shape.authorization.header;
  let payload: string | undefined;
  if (shape.rawBody) {
    headers['content-type'] = shape.rawBody.contentType;
    payload = shape.rawBody.text;
  } else if (shape.body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(shape.body).replaceAll(JSON.stringify(DEEP), DEEP_TEXT);
  }
  return { method: shape.method, url: query ? `${path}?${query}` : path, headers, ...(payload === undefined ? {} : { payload }) };
}

// ---- requests drawn from a zod schema ----

type JsonSchema = {
  type?: string; properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean; propertyNames?: JsonSchema; enum?: unknown[]; const?: unknown;
  anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; pattern?: string; format?: string;
  minimum?: number; maximum?: number; minLength?: number; maxLength?: number; maxItems?: number;
};

const hostileArbitrary = fc.constantFrom(...HOSTILE_VALUES.filter((v) => v !== DEEP));
const clampInt = (n: number | undefined, fallback: number) => Math.max(-(2 ** 31), Math.min(2 ** 31 - 1, n ?? fallback));

function typedArbitrary(schema: JsonSchema, base: unknown): fc.Arbitrary<unknown> {
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return fc.oneof(...variants.map((v) => valueArbitrary(v, base)));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  switch (schema.type) {
    case 'object': {
      const baseObject = (base !== null && typeof base === 'object' ? base : {}) as Record<string, unknown>;
      if (schema.properties) {
        const shape = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, valueArbitrary(v, baseObject[k])]));
        return fc.record(shape, { requiredKeys: schema.required ?? [] });
      }
      const values = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : {};
      const keys = schema.propertyNames ? typedArbitrary(schema.propertyNames, undefined) : fc.string({ maxLength: 8 });
      return fc.dictionary(keys.map(String), valueArbitrary(values, Object.values(baseObject)[0]), { maxKeys: 3 });
    }
    case 'array':
      return fc.array(valueArbitrary(schema.items ?? {}, Array.isArray(base) ? base[0] : undefined), { maxLength: Math.min(schema.maxItems ?? 3, 3) });
    case 'string':
      if (schema.format === 'uuid') return fc.uuid();
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) });
    case 'integer':
      return fc.integer({ min: clampInt(schema.minimum, -1000), max: clampInt(schema.maximum, 1_000_000) });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 3 });
  }
}

/** The base value often, a value of the schema's type sometimes, a hostile one now and then. */
function valueArbitrary(schema: JsonSchema, base: unknown): fc.Arbitrary<unknown> {
  return fc.oneof(
    ...(base === undefined ? [] : [{ weight: 3, arbitrary: fc.constant(base) }]),
    { weight: 3, arbitrary: typedArbitrary(schema, base) },
    { weight: 1, arbitrary: hostileArbitrary },
  );
}

/** JSON bodies drawn from a zod schema around a valid base body. */
export function bodiesFrom(schema: z.ZodType, base: unknown): fc.Arbitrary<unknown> {
  return typedArbitrary(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema, base);
}

/** Query strings drawn from a zod schema around a valid base query: numbers as digits, and hostile texts. */
export function queriesFrom(schema: z.ZodType, base: Record<string, QueryValue>): fc.Arbitrary<Record<string, QueryValue>> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const entries = Object.entries(json.properties ?? {}).map(([name, property]) => {
    const typed = typedArbitrary(property, undefined).map((v): QueryValue => (typeof v === 'string' ? v : JSON.stringify(v) ?? ''));
    const options = [{ weight: 3, arbitrary: typed }, { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_QUERY) }];
    if (base[name] !== undefined) options.push({ weight: 3, arbitrary: fc.constant(base[name]) });
    return [name, fc.oneof(...options)] as const;
  });
  // Absent keys are left out, never undefined.
  return fc.record(Object.fromEntries(entries), { requiredKeys: [] }) as fc.Arbitrary<Record<string, QueryValue>>;
}
