import { limits } from '../../../shared/limits.js';
import { invalidValue } from './errors.js';
import { userSchemaId } from './discovery.js';
import { bool, isObject, member, text, type Json } from './values.js';

/** A user as SCIM sees them: the users row, what scim_users keeps, and their groups. */
export interface ScimUserRecord {
  id: string;
  email: string;
  name: string;
  status: 'invited' | 'active' | 'disabled';
  createdAt: Date;
  updatedAt: Date;
  externalId: string | null;
  givenName: string | null;
  familyName: string | null;
  groups: { id: string; displayName: string }[];
}

/** What a POST or PUT (or a PATCH, once applied) asks a user to be. */
export interface ScimUserInput {
  email: string;
  name: string;
  givenName: string | null;
  familyName: string | null;
  externalId: string | null;
  active: boolean;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The user as a SCIM resource: userName is the e-mail one signs in with; `groups` is read-only. */
export function presentScimUser(user: ScimUserRecord, baseUrl: string): Json {
  const [first, ...rest] = user.name.split(' ');
  return {
    schemas: [userSchemaId],
    id: user.id,
    ...(user.externalId ? { externalId: user.externalId } : {}),
    userName: user.email,
    name: {
      formatted: user.name,
      givenName: user.givenName ?? first ?? user.name,
      familyName: user.familyName ?? rest.join(' '),
    },
    displayName: user.name,
    active: user.status !== 'disabled',
    emails: [{ value: user.email, type: 'work', primary: true }],
    groups: user.groups.map((g) => ({ value: g.id, display: g.displayName, $ref: `${baseUrl}/Groups/${g.id}` })),
    meta: {
      resourceType: 'User',
      created: user.createdAt.toISOString(),
      lastModified: user.updatedAt.toISOString(),
      location: `${baseUrl}/Users/${user.id}`,
    },
  };
}

/** The e-mail of a user resource: userName when it is an address, else the primary (or first) of `emails`. */
function emailOf(resource: Json): string {
  const userName = text(member(resource, 'userName'), 'userName', limits.email);
  if (!userName) throw invalidValue('userName is required: the e-mail address the person signs in with.');
  if (emailPattern.test(userName)) return userName.toLowerCase();
  const emails = member(resource, 'emails');
  const list = Array.isArray(emails) ? emails.filter(isObject) : [];
  const chosen = list.find((e) => bool(member(e, 'primary'), 'emails.primary') === true) ?? list[0];
  const value = chosen ? text(member(chosen, 'value'), 'emails.value', limits.email) : null;
  if (value && emailPattern.test(value)) return value.toLowerCase();
  throw invalidValue('userName (or the primary e-mail) must be an e-mail address: people sign in with it.');
}

/** Reads a User resource of a POST or PUT; what Tandem does not keep (phone numbers, titles…) is left aside. */
export function readScimUser(resource: Json): ScimUserInput {
  const email = emailOf(resource);
  const nameValue = member(resource, 'name');
  const name = isObject(nameValue) ? nameValue : {};
  const givenName = text(member(name, 'givenName'), 'name.givenName', limits.name);
  const familyName = text(member(name, 'familyName'), 'name.familyName', limits.name);
  const formatted = text(member(name, 'formatted'), 'name.formatted', limits.name);
  const displayName = text(member(resource, 'displayName'), 'displayName', limits.name);
  const joined = [givenName, familyName].filter(Boolean).join(' ');
  const fullName = formatted ?? (joined || null) ?? displayName ?? email.split('@')[0]!;
  return {
    email,
    name: fullName.slice(0, limits.name),
    givenName,
    familyName,
    externalId: text(member(resource, 'externalId'), 'externalId', 255),
    active: bool(member(resource, 'active'), 'active') ?? true,
  };
}
