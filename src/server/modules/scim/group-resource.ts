import { limits } from '../../../shared/limits.js';
import { groupSchemaId } from './discovery.js';
import { invalidValue, ScimError } from './errors.js';
import type { ScimGroupRecord } from './group-repository.js';
import { barePath, type PatchOperation } from './patch.js';
import { isObject, member, text, type Json } from './values.js';

/** What a group is asked to be: its name, the provider's id for it, its members' user ids. */
export interface ScimGroupInput {
  displayName: string;
  externalId: string | null;
  memberIds: string[];
}

export function presentScimGroup(group: ScimGroupRecord, baseUrl: string, withMembers = true): Json {
  return {
    schemas: [groupSchemaId],
    id: group.id,
    displayName: group.displayName,
    ...(group.externalId ? { externalId: group.externalId } : {}),
    ...(withMembers
      ? {
          members: group.members.map((m) => ({
            value: m.id,
            display: m.display,
            type: 'User',
            $ref: `${baseUrl}/Users/${m.id}`,
          })),
        }
      : {}),
    meta: {
      resourceType: 'Group',
      created: group.createdAt.toISOString(),
      lastModified: group.updatedAt.toISOString(),
      location: `${baseUrl}/Groups/${group.id}`,
    },
  };
}

function displayNameOf(value: unknown): string {
  const name = text(value, 'displayName', limits.name);
  if (!name) throw invalidValue('displayName is required.');
  return name;
}

/** The user ids of a `members` value: a list of `{ "value": id }` (one object alone is taken too). */
function memberIdsOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.map((m) => {
    const id = isObject(m) ? member(m, 'value') : undefined;
    if (typeof id !== 'string') throw invalidValue('Each member is an object with the user\'s id as "value".');
    return id;
  });
}

/** Reads a Group resource of a POST or PUT. */
export function readScimGroup(resource: Json): ScimGroupInput {
  return {
    displayName: displayNameOf(member(resource, 'displayName')),
    externalId: text(member(resource, 'externalId'), 'externalId', 255),
    memberIds: [...new Set(memberIdsOf(member(resource, 'members')))],
  };
}

const invalidPath = (path: string) =>
  new ScimError(400, `The path "${path}" is not an attribute of a Group that can be changed.`, 'invalidPath');

/**
 * Applies PATCH operations to a group: `members` added, replaced or removed — Okta's and Entra ID's
 * `members[value eq "id"]` and a list of `{ "value": id }` alike — and `displayName` or `externalId`,
 * with a path or path-less.
 */
export function patchScimGroup(group: ScimGroupInput, operations: PatchOperation[]): ScimGroupInput {
  let { displayName, externalId } = group;
  const members = new Set(group.memberIds);
  const apply = (rawPath: string, op: PatchOperation['op'], value: unknown) => {
    const path = barePath(rawPath);
    const filtered = /^members\[\s*value\s+eq\s+"([^"]*)"\s*\]$/i.exec(path);
    if (filtered) {
      if (op !== 'remove') throw invalidPath(rawPath);
      members.delete(filtered[1]!);
      return;
    }
    switch (path.toLowerCase()) {
      case 'members':
        if (op === 'replace') members.clear();
        if (op === 'remove' && value === undefined) members.clear();
        for (const id of memberIdsOf(value)) {
          if (op === 'remove') members.delete(id);
          else members.add(id);
        }
        return;
      case 'displayname':
        if (op === 'remove') throw new ScimError(400, 'displayName is required.', 'mutability');
        displayName = displayNameOf(value);
        return;
      case 'externalid':
        externalId = op === 'remove' ? null : text(value, 'externalId', 255);
        return;
      case 'id':
      case 'schemas':
      case 'meta':
        return;
      default:
        throw invalidPath(rawPath);
    }
  };
  for (const { op, path, value } of operations) {
    if (path) apply(path, op, value);
    else if (isObject(value)) for (const [key, v] of Object.entries(value)) apply(key, op, v);
    else throw new ScimError(400, `A "${op}" without a path has an object as its value.`, 'invalidSyntax');
  }
  return { displayName, externalId, memberIds: [...members] };
}
