import type { Queryable } from '../../platform/db/pool.js';
import type { SenderNames } from '../../platform/mail/delivery.js';
import { loadSettings } from './resolver.js';

/** Outbox delivery's reader of `notifications.senderName`: one settings read per account, when the e-mails are sent. */
export function senderNamesFrom(db: Queryable): SenderNames {
  return async (accountId, companyIds) => {
    const settings = await loadSettings(db, accountId, companyIds);
    return (companyId) => settings.get('notifications.senderName', companyId);
  };
}
