import type { UserAbilities } from '../../../shared/contracts/users.js';
import { roleCan } from '../../../shared/permissions.js';
import type { Actor } from '../../platform/authz.js';
import type { UserVisibility } from './repository.js';

/**
 * Who sees whom. Administrators see every user of their account. Others (technicians, read-only)
 * see themselves and the users who can reach at least one of their companies — administrators and
 * users with every company included, since they reach all of them.
 */
export function userVisibility(actor: Actor): UserVisibility {
  return { actorId: actor.userId, companyIds: actor.allCompanies ? null : actor.companyIds };
}

export function canSeeUser(
  actor: Actor,
  target: { id: string; role: string; allCompanies: boolean; companyIds: readonly string[] },
): boolean {
  if (actor.allCompanies || target.id === actor.userId) return true;
  if (target.allCompanies || target.role === 'administrator') return true;
  return target.companyIds.some((id) => actor.companyIds.includes(id));
}

/** What a user's company access shows to an actor: never the ids of companies the actor cannot see. */
export function visibleCompanyIds(actor: Actor, companyIds: readonly string[]): string[] {
  return actor.allCompanies ? [...companyIds] : companyIds.filter((id) => actor.companyIds.includes(id));
}

export interface AbilityFacts {
  id: string;
  role: string;
  status: 'invited' | 'active' | 'disabled';
  /** the account would have no active administrator without this user */
  lastActiveAdministrator: boolean;
  /** an invitation that can still be accepted */
  liveInvitation: boolean;
}

const none: UserAbilities = {
  update: false,
  changeRole: false,
  changeAccess: false,
  manageSeats: false,
  disable: false,
  enable: false,
  delete: false,
  resendInvitation: false,
  revokeInvitation: false,
};

/** The actor's abilities on one user: the same rules the service enforces. */
export function userAbilities(actor: Actor, user: AbilityFacts): UserAbilities {
  if (!roleCan(actor.role, 'users.manage')) return none;
  return {
    update: true,
    changeRole: !user.lastActiveAdministrator,
    changeAccess: user.role !== 'administrator',
    manageSeats: roleCan(actor.role, 'seats.update') && user.status !== 'disabled' && user.role !== 'viewer',
    disable: user.status !== 'disabled' && !user.lastActiveAdministrator,
    enable: user.status === 'disabled',
    delete: !user.lastActiveAdministrator,
    resendInvitation: user.status === 'invited',
    revokeInvitation: user.status === 'invited' && user.liveInvitation,
  };
}
