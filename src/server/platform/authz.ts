import type { Permission, Role } from '../../shared/permissions.js';
import { roleCan } from '../../shared/permissions.js';
import { forbidden } from './http/app-error.js';

/** Who is making a request: a user, signed in by session or by one of their API tokens. */
export interface Actor {
  userId: string;
  accountId: string;
  name: string;
  email: string;
  role: Role;
  /** administrators always have every company */
  allCompanies: boolean;
  companyIds: readonly string[];
  via: 'session' | 'apiToken';
  tokenId: string | null;
}

/** The one permission check. Throws 403 when the actor's role lacks the permission. */
export function authorize(actor: Actor, permission: Permission): void {
  if (!roleCan(actor.role, permission)) throw forbidden();
}

export function hasCompanyAccess(actor: Actor, companyId: string): boolean {
  return actor.allCompanies || actor.companyIds.includes(companyId);
}

/** The companies an actor may see, for list queries: `null` means all of the account's. */
export function companyFilter(actor: Actor): readonly string[] | null {
  return actor.allCompanies ? null : actor.companyIds;
}
