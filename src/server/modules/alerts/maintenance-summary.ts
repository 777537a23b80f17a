import { and, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Language } from '../../../shared/locales.js';
import type { Queryable } from '../../platform/db/pool.js';
import { companyNames, recipientsOfRules } from './firing-repository.js';
import { consoleLink, countIn, emailList, shortList, timeFor } from './messages.js';
import { writeAlertMessage } from './send.js';
import { alertConditions, alertFirings, alertRules, maintenanceWindows } from './tables.js';

/**
 * When a `hold` maintenance window ends, its held alerts that are still relevant (an alert whose
 * condition is still open, or an event that has no condition) go out as one summary per contact
 * and method; those whose condition cleared during the window are only kept in the history. The
 * summarised conditions count as messaged (their recovery notice will follow). Returns messages written.
 */
export async function summarizeEndedWindows(tx: Queryable, now: Date, publicUrl: string, limit = 50): Promise<number> {
  const ended = await tx
    .select()
    .from(maintenanceWindows)
    .where(
      and(
        eq(maintenanceWindows.mode, 'hold'),
        isNull(maintenanceWindows.summarizedAt),
        lte(maintenanceWindows.endsAt, now),
      ),
    )
    .limit(limit)
    .for('update', { skipLocked: true });
  let written = 0;
  for (const window of ended) {
    await tx.update(maintenanceWindows).set({ summarizedAt: now }).where(eq(maintenanceWindows.id, window.id));
    const relevant = await tx
      .select({ firing: alertFirings, rule: { id: alertRules.id, name: alertRules.name, event: alertRules.event } })
      .from(alertFirings)
      .innerJoin(alertRules, eq(alertRules.id, alertFirings.ruleId))
      .where(
        and(
          eq(alertFirings.maintenanceWindowId, window.id),
          eq(alertFirings.state, 'held'),
          eq(alertFirings.kind, 'alert'),
          eq(alertRules.enabled, true),
          sql`(${alertFirings.subjectKey} is null or exists (select 1 from ${alertConditions} c
            where c.rule_id = ${alertFirings.ruleId} and c.subject_key = ${alertFirings.subjectKey}
              and c.started_at = ${alertFirings.occurredAt} and c.cleared_at is null))`,
        ),
      )
      .orderBy(alertFirings.occurredAt);
    if (relevant.length === 0) continue;
    await tx
      .update(alertFirings)
      .set({ state: 'summarized' })
      .where(
        inArray(
          alertFirings.id,
          relevant.map((r) => r.firing.id),
        ),
      );
    const companyName = (await companyNames(tx, [window.companyId])).get(window.companyId) ?? '';
    const events = new Set(relevant.map((r) => r.rule.event));
    const only = events.size === 1 ? relevant[0]!.rule.event : null;
    const link = only ? consoleLink(publicUrl, only, 'alert', [window.companyId]) : `${publicUrl}/alerts`;
    // one message per contact method, over every rule of the held alerts it hears
    const byMethod = new Map<
      string,
      { recipient: Awaited<ReturnType<typeof recipientsOfRules>>[number]; lines: typeof relevant }
    >();
    for (const recipient of await recipientsOfRules(tx, [...new Set(relevant.map((r) => r.rule.id))])) {
      if (recipient.companies && !recipient.companies.has(window.companyId)) continue;
      const lines = relevant.filter((r) => r.rule.id === recipient.ruleId);
      const entry = byMethod.get(recipient.method.id);
      if (entry) entry.lines.push(...lines);
      else byMethod.set(recipient.method.id, { recipient, lines: [...lines] });
    }
    for (const { recipient, lines } of byMethod.values()) {
      const language = recipient.contact.language as Language;
      await writeAlertMessage(tx, recipient, {
        accountId: window.accountId,
        kind: 'alert_summary',
        template: 'alertsMail.maintenanceSummary',
        params: {
          company: companyName,
          reason: window.reason,
          count: countIn(language, lines.length),
          from: timeFor(window.startsAt, language, recipient.contact.timeZone),
          to: timeFor(window.endsAt, language, recipient.contact.timeZone),
          list: emailList(
            language,
            lines.map((l) => `${l.rule.name}: ${l.firing.subject}`),
          ),
          names: shortList(
            language,
            lines.map((l) => l.firing.subject),
          ),
          link,
        },
        urgent: false,
        now,
        actionUrl: link,
        metadata: { maintenanceWindowId: window.id, count: lines.length },
      });
      written++;
    }
  }
  return written;
}
