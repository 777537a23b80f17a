import type { ScimToken } from '../../../shared/contracts/scim-tokens.js';
import type { ScimTokenRow } from './token-repository.js';

export function presentScimToken(row: ScimTokenRow): ScimToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}
