import type { Permission } from '../../shared/permissions.js';
import { authorize, hasCompanyAccess, type Actor } from './authz.js';
import { notFound } from './http/app-error.js';

/** What the access rule needs of a company-scoped row: the account and the company it belongs to. */
export interface ScopedRow {
  accountId: string;
  companyId: string;
}

/** Whether the actor may see a company-scoped row: of their account, of a company in their access. */
export function canSee<T extends ScopedRow>(actor: Actor, row: T | null | undefined): row is T {
  return !!row && row.accountId === actor.accountId && hasCompanyAccess(actor, row.companyId);
}

/** A company named by id (a list's filter) outside the actor's access answers 404, as a missing one. */
export function requireCompanyInScope(actor: Actor, companyId: string, what = 'This company'): void {
  if (!hasCompanyAccess(actor, companyId)) throw notFound(what);
}

/**
 * The one access rule for a company-scoped object already read: missing, of another account or
 * of a company outside the actor's access answers 404 alike (naming `what`); only then the
 * permission, so that 403 is only ever said about an object the actor can see.
 */
export function requireScoped<T extends ScopedRow>(
  actor: Actor,
  row: T | null | undefined,
  permission?: Permission,
  what = 'This object',
): T {
  if (!canSee(actor, row)) throw notFound(what);
  if (permission) authorize(actor, permission);
  return row;
}
