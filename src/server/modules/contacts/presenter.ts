import type { ContactMethod, ContactSummary } from '../../../shared/contracts/contacts.js';
import type { Language } from '../../../shared/locales.js';
import { roleCan } from '../../../shared/permissions.js';
import type { Actor } from '../../platform/authz.js';
import type { ContactWithParts, MethodRow } from './repository.js';

export function presentMethod(m: MethodRow, now = new Date()): ContactMethod {
  return {
    id: m.id,
    type: m.type,
    value: m.value,
    label: m.label,
    enabled: m.enabled,
    verified: m.verifiedAt !== null,
    verifiedAt: m.verifiedAt?.toISOString() ?? null,
    primary: m.primary,
    verificationPending:
      m.verificationHash !== null && m.verificationExpiresAt !== null && m.verificationExpiresAt > now,
  };
}

export function presentContact(c: ContactWithParts, actor: Actor): ContactSummary {
  const manage = roleCan(actor.role, 'contacts.manage');
  return {
    id: c.id,
    name: c.name,
    userId: c.userId,
    allCompanies: c.allCompanies,
    companies: c.companies,
    language: c.language as Language,
    timeZone: c.timeZone,
    quietHours: c.quietStart && c.quietEnd ? { start: c.quietStart, end: c.quietEnd } : null,
    methods: c.methods.map((m) => presentMethod(m)),
    abilities: { update: manage, delete: manage && c.userId === null },
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
