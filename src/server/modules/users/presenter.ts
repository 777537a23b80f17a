import type { ManagedUser, User } from '../../../shared/contracts/users.js';
import type { Module } from '../../../shared/licence.js';
import type { Language } from '../../../shared/locales.js';
import type { Actor } from '../../platform/authz.js';
import { userAbilities, visibleCompanyIds } from './policy.js';
import type { UserRow, UserWithAccess } from './repository.js';

/** The fields of a user any client may see: never the password hash. */
export function presentUser(user: UserWithAccess): User {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    status: user.status,
    language: user.language as Language,
    timeZone: user.timeZone,
    companyAccess: user.allCompanies ? 'all' : user.companyIds,
    createdAt: user.createdAt.toISOString(),
  };
}

// --- users & permissions: account management

/** What the list and detail views know of a user beyond its row. */
export interface ManagedFacts {
  companyIds: string[];
  seats: Module[];
  invitation: { expiresAt: Date; expired: boolean } | null;
  activeAdministratorIds: readonly string[];
}

/** A user as the actor may see it in account management, with the actor's abilities on it. */
export function presentManagedUser(actor: Actor, user: UserRow, facts: ManagedFacts): ManagedUser {
  const lastActiveAdministrator =
    user.role === 'administrator' &&
    user.status === 'active' &&
    facts.activeAdministratorIds.length === 1 &&
    facts.activeAdministratorIds[0] === user.id;
  const allCompanies = user.allCompanies || user.role === 'administrator';
  return {
    ...presentUser({ ...user, allCompanies, companyIds: visibleCompanyIds(actor, facts.companyIds) }),
    seats: facts.seats,
    invitation: facts.invitation
      ? { expiresAt: facts.invitation.expiresAt.toISOString(), expired: facts.invitation.expired }
      : null,
    lastActiveAdministrator,
    abilities: userAbilities(actor, {
      id: user.id,
      role: user.role,
      status: user.status,
      lastActiveAdministrator,
      liveInvitation: facts.invitation !== null && !facts.invitation.expired,
    }),
  };
}
// --- end users & permissions
