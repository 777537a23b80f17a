import type { Queryable } from '../../platform/db/pool.js';

export interface ContactUsage {
  alertRules: { id: string; name: string }[];
  reportSchedules: { id: string; name: string }[];
}

/** What sends to a contact (alert rules, report schedules): shown before it is deleted. */
export async function contactUsage(_db: Queryable, _accountId: string, _contactId: string): Promise<ContactUsage> {
  return { alertRules: [], reportSchedules: [] };
}
