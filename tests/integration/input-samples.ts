import { z } from 'zod';

/**
 * Plausible inputs built from a route's zod schemas (through their JSON Schema), so a test can
 * send each route a request that passes validation everywhere but in the one field it spoils.
 */
type Schema = Record<string, unknown> & { $ref?: string };
export type Path = (string | number)[];

export function jsonSchemaOf(schema: unknown): Schema | null {
  if (!(schema instanceof z.ZodType)) return null;
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Schema;
}

const stringCandidates = [
  'fuzz',
  'fuzz-sample',
  'abc',
  'a1',
  'en',
  'UTC',
  '#336699',
  '09:00',
  '+33612345678',
  'X1',
  '123456',
  'sample_1',
];
const formats: Record<string, string> = {
  uuid: '00000000-0000-4000-8000-000000000000',
  email: 'fuzz@example.test',
  'date-time': '2026-01-01T00:00:00.000Z',
  date: '2026-01-01',
  time: '09:00:00',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  uri: 'https://example.test/',
  url: 'https://example.test/',
};

function sampleString(s: Schema): string {
  const formatted = typeof s.format === 'string' ? formats[s.format] : undefined;
  let value = formatted ?? 'fuzz';
  if (typeof s.pattern === 'string' && formatted === undefined) {
    const re = new RegExp(s.pattern);
    value = stringCandidates.find((c) => re.test(c)) ?? value;
  }
  const min = typeof s.minLength === 'number' ? s.minLength : 0;
  return value.length >= min ? value : value.padEnd(min, 'x');
}

/** A value of the schema: every property (optional ones too), one item per array. */
export function sampleOf(s: Schema, root: Schema, depth = 0): unknown {
  if (depth > 12) return null;
  if (s.$ref) {
    const name = s.$ref.replace(/^#\/\$defs\//, '');
    return sampleOf(((root.$defs as Record<string, Schema>) ?? {})[name] ?? {}, root, depth + 1);
  }
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  if ('default' in s && s.type !== 'object' && s.type !== 'array') return s.default;
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = s[key] as Schema[] | undefined;
    if (options) return sampleOf(options.find((o) => o.type !== 'null') ?? options[0] ?? {}, root, depth + 1);
  }
  if (Array.isArray(s.allOf)) return sampleOf((s.allOf as Schema[])[0] ?? {}, root, depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'string':
      return sampleString(s);
    case 'integer':
    case 'number':
      return typeof s.minimum === 'number'
        ? s.minimum
        : typeof s.exclusiveMinimum === 'number'
          ? s.exclusiveMinimum + 1
          : 1;
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'array': {
      const items = (s.prefixItems as Schema[] | undefined) ?? [s.items as Schema];
      const count = Math.max(1, typeof s.minItems === 'number' ? s.minItems : 1);
      const firstItem = items[0];
      if (s.maxItems === 0 || !firstItem) return [];
      return Array.from({ length: s.prefixItems ? items.length : count }, (_, i) =>
        sampleOf(items[i] ?? firstItem, root, depth + 1),
      );
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries((s.properties as Record<string, Schema>) ?? {}))
        out[key] = sampleOf(prop, root, depth + 1);
      if (!s.properties && s.additionalProperties && typeof s.additionalProperties === 'object')
        out.fuzz = sampleOf(s.additionalProperties as Schema, root, depth + 1);
      return out;
    }
    default:
      return 'fuzz';
  }
}

/** The paths of every string in a value. */
export function stringPaths(value: unknown, path: Path = []): Path[] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringPaths(v, [...path, i]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...path, k]));
  return [];
}

/** A copy of the value with the string at `path` changed. */
export function withString(value: unknown, path: Path, change: (s: string) => string): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return change(String(value));
  if (Array.isArray(value)) return value.map((item, i) => (i === head ? withString(item, rest, change) : item));
  const copy = { ...(value as Record<string, unknown>) };
  copy[head] = withString(copy[head], rest, change);
  return copy;
}

/** A query string of a flat sample (arrays repeated). */
export function queryString(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || (typeof value === 'object' && !Array.isArray(value))) continue;
    for (const v of [value].flat()) params.append(key, String(v));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
