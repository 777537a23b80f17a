import { defaultLanguage, languages, type Language } from '../../../shared/locales.js';
import type { Actor } from '../../platform/authz.js';
import type { Queryable } from '../../platform/db/pool.js';
import { enqueueEmail } from '../../platform/mail/outbox.js';
import type { UserRow } from '../users/index.js';

/**
 * Tells a user, in their language, that an administrator reset their second factor. Written to
 * the outbox in the caller's transaction: sent if and only if the reset commits.
 */
export async function mailSecondFactorReset(
  tx: Queryable,
  user: Pick<UserRow, 'id' | 'accountId' | 'email' | 'name' | 'language'>,
  by: Pick<Actor, 'name'>,
): Promise<void> {
  await enqueueEmail(tx, {
    accountId: user.accountId,
    kind: 'two_factor_reset',
    to: user.email,
    language: (languages as readonly string[]).includes(user.language) ? (user.language as Language) : defaultLanguage,
    template: 'twoFactor.mail.reset',
    params: { name: user.name, adminName: by.name },
    metadata: { userId: user.id },
  });
}
