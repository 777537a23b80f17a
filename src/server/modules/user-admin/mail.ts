import { translations } from '../../../shared/i18n/index.js';
import type { Language } from '../../../shared/locales.js';
import type { Role } from '../../../shared/permissions.js';
import type { Config } from '../../config.js';
import type { Queryable } from '../../platform/db/pool.js';
import { enqueueEmail } from '../../platform/mail/outbox.js';
import { formatForRecipient, intlLocales } from '../../platform/mail/recipient-format.js';
import { publicUrlOf } from '../../platform/http/public-url.js';

export function invitationUrl(config: Config, token: string): string {
  return `${publicUrlOf(config)}/invitation/${encodeURIComponent(token)}`;
}

export function roleName(language: Language, role: Role): string {
  return translations[language].roles[role];
}

/** "all companies", or the names of the companies, in the recipient's language. */
export function companiesText(language: Language, companyNames: readonly string[] | 'all'): string {
  if (companyNames === 'all') return translations[language].usersMail.allCompanies;
  return new Intl.ListFormat(intlLocales[language], { style: 'long', type: 'conjunction' }).format(companyNames);
}

export interface Recipient {
  accountId: string;
  userId: string;
  email: string;
  name: string;
  language: Language;
  timeZone: string;
  role: Role;
}

export async function enqueueInvitationEmail(
  tx: Queryable,
  config: Config,
  input: { to: Recipient; token: string; expiresAt: Date; accountName: string; inviterName: string },
): Promise<void> {
  const { to } = input;
  await enqueueEmail(tx, {
    accountId: to.accountId,
    kind: 'invitation',
    to: to.email,
    language: to.language,
    template: 'usersMail.invitation',
    params: {
      name: to.name,
      accountName: input.accountName,
      inviterName: input.inviterName,
      role: roleName(to.language, to.role),
      expiresAt: formatForRecipient(input.expiresAt, to.language, to.timeZone),
    },
    action: { url: invitationUrl(config, input.token) },
    metadata: { userId: to.userId },
  });
}

/** Tells a user that their role or company access changed, in their language. */
export async function enqueueRightsChangedEmail(
  tx: Queryable,
  config: Config,
  input: {
    to: Recipient;
    roleChanged: boolean;
    companies: readonly string[] | 'all';
    accountName: string;
    actorName: string;
  },
): Promise<void> {
  const { to } = input;
  await enqueueEmail(tx, {
    accountId: to.accountId,
    kind: input.roleChanged ? 'role_changed' : 'access_changed',
    to: to.email,
    language: to.language,
    template: input.roleChanged ? 'usersMail.roleChanged' : 'usersMail.accessChanged',
    params: {
      name: to.name,
      accountName: input.accountName,
      actorName: input.actorName,
      role: roleName(to.language, to.role),
      companies: companiesText(to.language, input.companies),
    },
    action: { url: `${publicUrlOf(config)}/` },
    metadata: { userId: to.userId },
  });
}
