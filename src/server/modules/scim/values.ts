import { unstorableProblem } from '../../../shared/contracts/storable-text.js';
import { invalidValue } from './errors.js';

/** A JSON object as SCIM sends it. */
export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value of a SCIM attribute, its name compared case-insensitively (RFC 7643 §2.1). */
export function member(object: Json, name: string): unknown {
  const key = Object.keys(object).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : object[key];
}

/** A text attribute: absent or null → null; too long, or not text PostgreSQL can store → 400 `invalidValue`. */
export function text(value: unknown, name: string, max: number): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw invalidValue(`${name} must be a string.`);
  const trimmed = value.trim();
  if (trimmed.length > max) throw invalidValue(`${name} is longer than ${max} characters.`);
  const unstorable = unstorableProblem(trimmed);
  if (unstorable) throw invalidValue(`${name}: ${unstorable}`);
  return trimmed === '' ? null : trimmed;
}

/** A boolean attribute; Entra ID sends `"True"`/`"False"` as strings. */
export function bool(value: unknown, name: string): boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  throw invalidValue(`${name} must be true or false.`);
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => uuidPattern.test(value);
