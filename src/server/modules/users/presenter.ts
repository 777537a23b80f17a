import type { User } from '../../../shared/contracts/users.js';
import type { Language } from '../../../shared/locales.js';
import type { UserWithAccess } from './repository.js';

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
