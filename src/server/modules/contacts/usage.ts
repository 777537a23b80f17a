import type { Queryable } from '../../platform/db/pool.js';

type Named = { id: string; name: string };

export interface ContactUsage {
  alertRules: Named[];
  reportSchedules: Named[];
}

/**
 * Readers of what sends to a contact. The modules that send to contacts (alerts, reports) depend on
 * this one, so app.ts passes their readers in.
 */
export interface ContactUsageReaders {
  alertRules(db: Queryable, accountId: string, contactId: string): Promise<Named[]>;
  reportSchedules(db: Queryable, accountId: string, contactId: string): Promise<Named[]>;
}

/** What sends to a contact (alert rules, report schedules): shown before it is deleted. */
export async function contactUsage(
  readers: ContactUsageReaders,
  db: Queryable,
  accountId: string,
  contactId: string,
): Promise<ContactUsage> {
  return {
    alertRules: await readers.alertRules(db, accountId, contactId),
    reportSchedules: await readers.reportSchedules(db, accountId, contactId),
  };
}
