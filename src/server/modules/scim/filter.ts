import { parse, type Filter } from 'scim2-parse-filter';
import { ScimError } from './errors.js';

/** One `attribute eq "value"` of a filter; a filter is their conjunction. `never` matches nothing. */
export type Condition<F extends string> = { field: F; value: string } | { field: 'never' };

const invalidFilter = (detail: string) => new ScimError(400, detail, 'invalidFilter');

/** An attribute path without its schema's URN, lower-cased: SCIM's names are case-insensitive. */
function attributeName(path: string): string {
  const bare = path.startsWith('urn:') ? path.slice(path.lastIndexOf(':') + 1) : path;
  return bare.toLowerCase();
}

function terms(filter: Filter): Filter[] {
  return filter.op === 'and' && 'filters' in filter ? filter.filters.flatMap(terms) : [filter];
}

function equalsValue(term: Filter): { attribute: string; value: string } | null {
  if (term.op !== 'eq' || !('compValue' in term) || typeof term.compValue !== 'string') return null;
  return { attribute: attributeName(term.attrPath), value: term.compValue };
}

const supported = (resource: string, names: string) =>
  `This filter is not supported. ${resource} can be filtered by ${names}, joined with "and".`;

/**
 * The conditions of a filter of Users: `userName eq`, `externalId eq`, `id eq`, `emails.value eq`,
 * `emails[type eq "work"].value eq` (or `emails[value eq …]`), joined with `and`; anything else is a 400 `invalidFilter`.
 */
export function parseUserFilter(text: string | undefined): Condition<'userName' | 'externalId' | 'id'>[] {
  const fields = {
    username: 'userName',
    externalid: 'externalId',
    id: 'id',
    'emails.value': 'userName',
    emails: 'userName',
  } as const;
  const message = supported('Users', 'userName, externalId, id and emails[type eq "work"].value with "eq"');
  return parseConditions(text, message, (term) => {
    if (term.op === '[]' && 'valFilter' in term && attributeName(term.attrPath) === 'emails') {
      return terms(term.valFilter).map((inner) => {
        const found = equalsValue(inner);
        if (found?.attribute === 'type')
          return found.value.toLowerCase() === 'work' ? null : { field: 'never' as const };
        if (found?.attribute === 'value') return { field: 'userName' as const, value: found.value };
        throw invalidFilter(message);
      });
    }
    const found = equalsValue(term);
    const field = found ? fields[found.attribute as keyof typeof fields] : undefined;
    if (!found || !field) throw invalidFilter(message);
    return [{ field, value: found.value }];
  });
}

/** The conditions of a filter of Groups: `displayName eq`, `externalId eq`, `id eq`, joined with `and`. */
export function parseGroupFilter(text: string | undefined): Condition<'displayName' | 'externalId' | 'id'>[] {
  const fields = { displayname: 'displayName', externalid: 'externalId', id: 'id' } as const;
  const message = supported('Groups', 'displayName, externalId and id with "eq"');
  return parseConditions(text, message, (term) => {
    const found = equalsValue(term);
    const field = found ? fields[found.attribute as keyof typeof fields] : undefined;
    if (!found || !field) throw invalidFilter(message);
    return [{ field, value: found.value }];
  });
}

function parseConditions<F extends string>(
  text: string | undefined,
  message: string,
  read: (term: Filter) => (Condition<F> | null)[],
): Condition<F>[] {
  if (text === undefined || text.trim() === '') return [];
  let parsed: Filter;
  try {
    parsed = parse(text);
  } catch {
    throw invalidFilter(`The filter cannot be read. ${message}`);
  }
  return terms(parsed)
    .flatMap(read)
    .filter((c): c is Condition<F> => c !== null);
}
