import { defaultLanguage, languages, type Language } from '../../../shared/locales.js';
import type { Config } from '../../config.js';
import type { Queryable } from '../../platform/db/pool.js';
import { publicUrlOf } from '../../platform/http/public-url.js';
import { enqueueEmail } from '../../platform/mail/outbox.js';
import { formatForRecipient } from '../../platform/mail/recipient-format.js';
import type { UserRow } from '../users/index.js';

export const languageOf = (user: Pick<UserRow, 'language'>): Language =>
  (languages as readonly string[]).includes(user.language) ? (user.language as Language) : defaultLanguage;

export function resetUrl(config: Config, token: string): string {
  return `${publicUrlOf(config)}/password-reset/${encodeURIComponent(token)}`;
}

/** The link, in the user's language, written to the outbox in the caller's transaction. */
export async function enqueueResetEmail(
  tx: Queryable,
  config: Config,
  input: {
    user: Pick<UserRow, 'id' | 'accountId' | 'email' | 'name' | 'language' | 'timeZone'>;
    token: string;
    expiresAt: Date;
    accountName: string;
    adminName: string | null;
  },
): Promise<void> {
  const { user } = input;
  const language = languageOf(user);
  await enqueueEmail(tx, {
    accountId: user.accountId,
    kind: 'password_reset',
    to: user.email,
    language,
    template: input.adminName ? 'passwordReset.mail.byAdministrator' : 'passwordReset.mail.requested',
    params: {
      name: user.name,
      accountName: input.accountName,
      adminName: input.adminName ?? '',
      expiresAt: formatForRecipient(input.expiresAt, language, user.timeZone),
    },
    action: { url: resetUrl(config, input.token) },
    metadata: { userId: user.id },
  });
}
