import type { GroupDecision } from '../../../shared/contracts/group-rules.js';
import type { Role } from '../../../shared/permissions.js';

export interface MatchingRule {
  groupName: string;
  role: Role;
  allCompanies: boolean;
  companyIds: readonly string[];
}

const rank: Record<Role, number> = { viewer: 0, technician: 1, administrator: 2 };

/**
 * What the rules matching a person's groups grant together (the union): the highest of their
 * roles, and every company any of them grants — every company when one of them says so or the
 * role is administrator. `ruleCount` 0 means the account uses no rules: groups decide nothing.
 */
export function decide(ruleCount: number, matching: readonly MatchingRule[]): GroupDecision {
  if (ruleCount === 0) return { mapping: 'off' };
  if (matching.length === 0) return { mapping: 'no_match' };
  const role = matching.reduce<Role>((best, rule) => (rank[rule.role] > rank[best] ? rule.role : best), 'viewer');
  const allCompanies = role === 'administrator' || matching.some((rule) => rule.allCompanies);
  const companyIds = allCompanies ? [] : [...new Set(matching.flatMap((rule) => rule.companyIds))].sort();
  const groups = [...new Set(matching.map((rule) => rule.groupName))].sort((a, b) =>
    a.toLowerCase().localeCompare(b.toLowerCase()),
  );
  return { mapping: 'granted', role, allCompanies, companyIds, groups };
}
