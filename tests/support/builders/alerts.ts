import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../src/server/platform/db/pool.js';
import { createAlertRuleBody, type AlertEvent } from '../../../src/shared/contracts/alerts.js';
import { createRule } from '../../../src/server/modules/alerts/index.js';
import { alertCursor } from '../../../src/server/modules/alerts/tables.js';
import { systemContext } from '../../../src/server/modules/audit/index.js';
import { findContactOfUser } from '../../../src/server/modules/contacts/index.js';
import { adminActor, type TestAccount } from './accounts.js';
import { only } from './rows.js';

/**
 * An alert rule made by the alerts service as the account's first administrator would make it
 * (checked like a request body, audited). Its recipients are the administrator's own contact by
 * e-mail unless told; it watches every company unless told.
 */
export async function anAlertRule(
  db: Db,
  account: TestAccount,
  options: {
    name?: string;
    event?: AlertEvent;
    companies?: readonly string[];
    delayMinutes?: number;
    recipients?: { contactId: string; methodTypes: ('email' | 'sms' | 'phone')[] }[];
    urgent?: boolean;
    enabled?: boolean;
  } = {},
): Promise<{ id: string }> {
  const recipients = options.recipients ?? [{ contactId: await ownContact(db, account), methodTypes: ['email'] }];
  const body = createAlertRuleBody.parse({
    name: options.name ?? 'Test rule',
    event: options.event ?? 'device_enrolled',
    companyIds: options.companies ? [...options.companies] : 'all',
    delayMinutes: options.delayMinutes,
    recipients,
    urgent: options.urgent,
    enabled: options.enabled,
  });
  const rule = await createRule(db, systemContext('test'), adminActor(account), body);
  return { id: rule.id };
}

async function ownContact(db: Db, account: TestAccount): Promise<string> {
  const contact = await findContactOfUser(db, account.id, account.admin.id);
  if (!contact) throw new Error(`the administrator of ${account.id} has no contact`);
  return contact.id;
}

/** The alert engine's pending step on the event cursor is two minutes old, as if that time had passed. */
export async function ageAlertCursor(db: Db): Promise<void> {
  await db
    .update(alertCursor)
    .set({ pendingAt: sql`now() - interval '2 minutes'` })
    .where(eq(alertCursor.id, 1));
}

/** Where the alert engine's cursor stands: the last settled event, the newest event, and the events marked handled above it. */
export async function alertCursorState(db: Db): Promise<{ last: string; top: string; marks: number }> {
  const result = await db.execute<{ last: string; top: string; marks: number }>(
    sql`select (select last_event_id from alert_cursor) as last, (select max(id) from domain_events) as top, (select count(*)::int from alert_handled_events) as marks`,
  );
  return only(result.rows, 'cursor');
}
