import { and, eq, gt, lte, sql } from 'drizzle-orm';
import type { Language } from '../../../shared/locales.js';
import type { Queryable } from '../../platform/db/pool.js';
import { contactMethods, contacts } from '../contacts/tables.js';
import { loadSettings } from '../settings/index.js';
import { countIn, emailList, timeFor } from './messages.js';
import { writeAlertMessage, type AlertRecipient } from './send.js';
import { alertRateLimits } from './tables.js';

/** The rate limit's period: a contact method receives at most `notifications.alertMessagesPerHour` alert messages in it. */
export const ratePeriodMs = 3_600_000;

type RateRow = typeof alertRateLimits.$inferSelect;

/**
 * Takes one message from a contact method's allowance for this hour. A new period begins with the
 * first message after the last one ended. Once the allowance is spent, the group's alerts are
 * counted (by rule) instead, for the summary sent when the period ends. True when the message may go.
 */
export async function takeSlot(
  tx: Queryable,
  recipient: AlertRecipient,
  rule: { accountId: string; name: string },
  alerts: number,
  now: Date,
  perHour: number,
  publicUrl: string,
): Promise<boolean> {
  const [row] = await tx
    .select()
    .from(alertRateLimits)
    .where(eq(alertRateLimits.methodId, recipient.method.id))
    .for('update');
  if (!row) {
    await tx.insert(alertRateLimits).values({
      methodId: recipient.method.id,
      accountId: rule.accountId,
      contactId: recipient.contact.id,
      periodStart: now,
      sent: 1,
    });
    return true;
  }
  if (row.periodStart.getTime() + ratePeriodMs <= now.getTime()) {
    if (row.held > 0) await writeSummary(tx, row, recipient, perHour, now, publicUrl);
    await tx
      .update(alertRateLimits)
      .set({ periodStart: now, sent: 1, held: 0, heldByRule: {} })
      .where(eq(alertRateLimits.methodId, row.methodId));
    return true;
  }
  if (row.sent < perHour) {
    await tx
      .update(alertRateLimits)
      .set({ sent: row.sent + 1 })
      .where(eq(alertRateLimits.methodId, row.methodId));
    return true;
  }
  const byRule = { ...(row.heldByRule as Record<string, number>) };
  byRule[rule.name] = (byRule[rule.name] ?? 0) + alerts;
  await tx
    .update(alertRateLimits)
    .set({ held: row.held + alerts, heldByRule: byRule })
    .where(eq(alertRateLimits.methodId, row.methodId));
  return false;
}

/** "N more alerts were held": the counts by rule and the link to the alert rules, for one contact method. */
async function writeSummary(
  tx: Queryable,
  row: RateRow,
  recipient: AlertRecipient,
  perHour: number,
  now: Date,
  publicUrl: string,
) {
  const language = recipient.contact.language as Language;
  const byRule = Object.entries(row.heldByRule as Record<string, number>).sort((a, b) => b[1] - a[1]);
  const link = `${publicUrl}/alerts`;
  await writeAlertMessage(tx, recipient, {
    accountId: row.accountId,
    kind: 'alert_summary',
    template: 'alertsMail.rateSummary',
    params: {
      count: countIn(language, row.held),
      limit: perHour,
      from: timeFor(row.periodStart, language, recipient.contact.timeZone),
      to: timeFor(new Date(row.periodStart.getTime() + ratePeriodMs), language, recipient.contact.timeZone),
      list: emailList(
        language,
        byRule.map(([name, n]) => `${name}: ${countIn(language, n)}`),
      ),
      names: byRule.map(([name, n]) => `${name} ${countIn(language, n)}`).join(', '),
      link,
    },
    // quiet hours apply, as to non-urgent alerts
    urgent: false,
    now,
    actionUrl: link,
    metadata: { held: row.held, heldByRule: row.heldByRule },
  });
}

/**
 * Sends the summary of every contact method whose period ended with alerts held, once (rows
 * locked, taken ones skipped), and ends the period. Returns the number of summaries written.
 */
export async function sendRateSummaries(tx: Queryable, now: Date, publicUrl: string, limit = 200): Promise<number> {
  const ended = await tx
    .select({ row: alertRateLimits, contact: contacts, method: contactMethods })
    .from(alertRateLimits)
    .innerJoin(contacts, eq(contacts.id, alertRateLimits.contactId))
    .innerJoin(contactMethods, eq(contactMethods.id, alertRateLimits.methodId))
    .where(and(gt(alertRateLimits.held, 0), lte(alertRateLimits.periodStart, new Date(now.getTime() - ratePeriodMs))))
    .limit(limit)
    .for('update', { of: alertRateLimits, skipLocked: true });
  const perHour = new Map<string, number>();
  for (const { row, contact, method } of ended) {
    if (!perHour.has(row.accountId))
      perHour.set(row.accountId, (await loadSettings(tx, row.accountId)).get('notifications.alertMessagesPerHour'));
    await writeSummary(tx, row, { contact, method }, perHour.get(row.accountId)!, now, publicUrl);
    await tx.delete(alertRateLimits).where(eq(alertRateLimits.methodId, row.methodId));
  }
  return ended.length;
}

/** Forgets the periods that ended with nothing held. */
export async function forgetEndedPeriods(tx: Queryable, now: Date): Promise<void> {
  await tx
    .delete(alertRateLimits)
    .where(
      and(
        eq(alertRateLimits.held, 0),
        sql`${alertRateLimits.periodStart} <= ${new Date(now.getTime() - ratePeriodMs).toISOString()}::timestamptz`,
      ),
    );
}
