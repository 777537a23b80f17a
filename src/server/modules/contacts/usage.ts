import type { Queryable } from '../../platform/db/pool.js';
import { schedulesOfContact } from '../reports/index.js';
import { rulesUsingContact } from '../alerts/index.js';

export interface ContactUsage {
  alertRules: { id: string; name: string }[];
  reportSchedules: { id: string; name: string }[];
}

/** What sends to a contact (alert rules, report schedules): shown before it is deleted. */
export async function contactUsage(db: Queryable, accountId: string, contactId: string): Promise<ContactUsage> {
  return {
    alertRules: await rulesUsingContact(db, accountId, contactId),
    reportSchedules: await schedulesOfContact(db, accountId, contactId),
  };
}
