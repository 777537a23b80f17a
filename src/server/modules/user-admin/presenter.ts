import type { ManagedUser } from '../../../shared/contracts/users.js';
import type { Module } from '../../../shared/licence.js';
import type { Actor } from '../../platform/authz.js';
import { presentUser, type UserRow } from '../users/index.js';
import { userAbilities, visibleCompanyIds } from './policy.js';

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
