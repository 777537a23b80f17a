import { ScimError } from './errors.js';
import { patchSchemaId } from './discovery.js';
import { isObject, member, type Json } from './values.js';

/** One operation of a PATCH request (RFC 7644 §3.5.2); the op's name in any case (Entra ID sends `Replace`). */
export interface PatchOperation {
  op: 'add' | 'replace' | 'remove';
  path: string | null;
  value: unknown;
}

const invalidSyntax = (detail: string) => new ScimError(400, detail, 'invalidSyntax');

/** The operations of a PatchOp body, checked. */
export function readPatch(body: Json): PatchOperation[] {
  const schemas = member(body, 'schemas');
  if (Array.isArray(schemas) && !schemas.includes(patchSchemaId))
    throw invalidSyntax(`A PATCH body uses the schema ${patchSchemaId}.`);
  const operations = member(body, 'Operations');
  if (!Array.isArray(operations) || operations.length === 0)
    throw invalidSyntax('A PATCH body holds "Operations": a list of add, replace or remove.');
  return operations.map((operation) => {
    if (!isObject(operation)) throw invalidSyntax('Each operation is an object with "op", "path" and "value".');
    const op = String(member(operation, 'op') ?? '').toLowerCase();
    if (op !== 'add' && op !== 'replace' && op !== 'remove') throw invalidSyntax('"op" is add, replace or remove.');
    const path = member(operation, 'path');
    if (path !== undefined && path !== null && typeof path !== 'string') throw invalidSyntax('"path" is a string.');
    const value = member(operation, 'value');
    if (op !== 'remove' && value === undefined) throw invalidSyntax(`"${op}" needs a "value".`);
    if (op === 'remove' && !path) throw new ScimError(400, '"remove" needs a "path".', 'noTarget');
    return { op, path: path || null, value };
  });
}

/** A path without the schema URN of the core or enterprise User (`urn:…:User:name.givenName` → `name.givenName`). */
export function barePath(path: string): string {
  const match = /^urn:ietf:params:scim:schemas:core:2\.0:(?:User|Group):(.+)$/i.exec(path);
  return match ? match[1]! : path;
}

/** Sets (or with `undefined` removes) one attribute of a resource, its name matched case-insensitively. */
function setMember(object: Json, name: string, value: unknown): void {
  const key = Object.keys(object).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
  if (value === undefined) delete object[key];
  else object[key] = value;
}

/**
 * Applies the operations to a copy of a User resource, which is then read as a PUT's would be. Paths: an
 * attribute, `name.givenName`-style sub-attributes, and `emails[type eq "work"].value` (the one e-mail);
 * a path-less add or replace sets each member of its value, dotted names included. `groups` is read-only;
 * attributes of extensions Tandem does not keep are accepted and left aside.
 */
export function patchUserResource(resource: Json, operations: PatchOperation[]): Json {
  const next = structuredClone(resource);
  const nameBefore = JSON.stringify(member(resource, 'name') ?? null);
  let displayNameSet = false;
  let userNameSet = false;
  let emailSet: unknown;
  const apply = (rawPath: string, op: PatchOperation['op'], value: unknown) => {
    const path = barePath(rawPath);
    if (path.toLowerCase().startsWith('urn:')) return; // an extension's attribute: not kept
    if (/^groups\b/i.test(path))
      throw new ScimError(400, 'groups is read-only: change the members of the Group instead.', 'mutability');
    const filtered = /^(\w+)\[.*\](?:\.(\w+))?$/.exec(path);
    if (filtered) {
      const [, attribute, sub] = filtered;
      if (attribute!.toLowerCase() !== 'emails') return; // phone numbers, addresses…: not kept
      if (op === 'remove') return; // the one e-mail stays: it is the userName
      const email = sub ? value : member(isObject(value) ? value : {}, 'value');
      setMember(next, 'emails', [{ value: email, type: 'work', primary: true }]);
      emailSet = email;
      return;
    }
    const [head, sub] = path.split('.', 2) as [string, string | undefined];
    if (head.toLowerCase() === 'displayname') displayNameSet = op !== 'remove';
    if (head.toLowerCase() === 'username') userNameSet = true;
    if (sub === undefined) {
      setMember(next, head, op === 'remove' ? undefined : value);
      return;
    }
    const parent = member(next, head);
    const object = isObject(parent) ? parent : {};
    setMember(object, sub, op === 'remove' ? undefined : value);
    setMember(next, head, object);
  };
  for (const { op, path, value } of operations) {
    if (path) apply(path, op, value);
    else if (isObject(value)) for (const [key, v] of Object.entries(value)) apply(key, op, v);
    else throw invalidSyntax(`A "${op}" without a path has an object as its value.`);
  }
  // Tandem keeps one e-mail, the sign-in name: a new work e-mail is the new userName
  if (emailSet !== undefined && !userNameSet) setMember(next, 'userName', emailSet);
  // a new given or family name (or display name) makes the formatted name again
  const name = member(next, 'name');
  if (
    isObject(name) &&
    JSON.stringify(name) !== nameBefore &&
    member(name, 'formatted') === member(JSON.parse(nameBefore) ?? {}, 'formatted')
  )
    setMember(name, 'formatted', undefined);
  else if (displayNameSet && isObject(name)) setMember(name, 'formatted', member(next, 'displayName'));
  return next;
}
