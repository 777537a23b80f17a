import type { RunFailure, RunRecipient } from '../../../shared/contracts/reports.js';
import { translations } from '../../../shared/i18n/index.js';
import { languages, type Language } from '../../../shared/locales.js';
import type { Db } from '../../platform/db/pool.js';
import type { JobsLog } from '../../platform/jobs/jobs.js';
import { csvRow } from '../../platform/http/csv.js';
import { quietHoursEnd } from '../../platform/mail/quiet-hours.js';
import { writeMessage } from '../../platform/mail/outbox.js';
import { storeAttachment } from '../../platform/mail/attachments.js';
import { contactsByIds } from '../contacts/index.js';
import { zonedIso } from './format.js';
import { reportDefinitions } from './kinds/index.js';
import { companiesForRun, RunRefused } from './owner-rights.js';
import { claimRun, companyNamesOf, findScheduleById, finishRun, schedulePartIds } from './run-repository.js';
import {
  renderSummaryHtml,
  renderSummaryText,
  reportStrings,
  summarySubject,
  type SummaryInput,
} from './summary-html.js';

/** A run left `running` this long (its process died) may be taken again. */
const staleRunMinutes = 15;

const fill = (template: string, params: Record<string, string>) =>
  template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => params[k] ?? '');
const isLanguage = (l: string): l is Language => (languages as readonly string[]).includes(l);

const claim = (db: Db, runId: string, now: Date) =>
  claimRun(db, runId, now, new Date(now.getTime() - staleRunMinutes * 60_000));

async function fail(
  db: Db,
  runId: string,
  code: RunFailure,
  params: Record<string, string>,
  now: Date,
  output: { csv?: string; html?: Record<string, string>; rowCount?: number; recipients?: RunRecipient[] } = {},
) {
  await finishRun(db, runId, {
    status: 'failed',
    error: fill(translations.en.reports.failures[code], params),
    errorCode: code,
    errorParams: params,
    finishedAt: now,
    ...output,
  });
}

/** The CSV body (without its header) and its row count, read in keyset batches. */
async function csvBody(
  db: Db,
  kind: keyof typeof reportDefinitions,
  scope: Parameters<(typeof reportDefinitions)['device_inventory']['batches']>[1],
  timeZone: string,
) {
  const parts: string[] = [];
  let rowCount = 0;
  for await (const batch of reportDefinitions[kind].batches(db, scope)) {
    for (const row of batch)
      parts.push(csvRow(row.map((cell) => (cell instanceof Date ? zonedIso(cell, timeZone) : cell))));
    rowCount += batch.length;
  }
  return { body: parts.join(''), rowCount };
}

const csvHeader = (kind: keyof typeof reportDefinitions, language: Language) =>
  csvRow(
    reportDefinitions[kind].columns.map((c) => (reportStrings(language).columns as Record<string, string>)[c] ?? c),
  );

/**
 * Makes one run: re-checks the owner's rights, builds the CSV and the HTML summary (one per
 * recipient language), stores them with the run, and writes one e-mail per recipient address —
 * CSV attached, held until the contact's quiet hours end — in the same transaction that marks the
 * run done, so a run's messages exist once or not at all. A run already taken does nothing.
 */
export async function executeRun(
  db: Db,
  runId: string,
  { now = new Date(), log }: { now?: Date; log?: JobsLog } = {},
): Promise<void> {
  const run = await claim(db, runId, now);
  if (!run) return;
  try {
    const schedule = await findScheduleById(db, run.scheduleId);
    if (!schedule) return;
    const parts = await schedulePartIds(db, schedule.id);
    const rights = await companiesForRun(db, { ...schedule, companyIds: parts.companyIds });
    const definition = reportDefinitions[schedule.kind];
    const periodEnd = run.periodEnd ?? now;
    const periodStart = run.periodStart ?? now;
    const scope = { accountId: schedule.accountId, companyIds: rights.companyIds, periodStart, periodEnd };
    const [{ body, rowCount }, summary, companyNames, contacts] = await Promise.all([
      csvBody(db, schedule.kind, scope, schedule.timeZone),
      definition.summary(db, scope),
      rights.companyIds === null ? Promise.resolve(null) : companyNamesOf(db, schedule.accountId, rights.companyIds),
      contactsByIds(db, schedule.accountId, parts.contactIds),
    ]);

    const base: Omit<SummaryInput, 'language'> = {
      scheduleName: schedule.name,
      kind: schedule.kind,
      companyNames,
      timeZone: schedule.timeZone,
      period: definition.usesPeriod ? { start: periodStart, end: periodEnd } : null,
      generatedAt: now,
      rowCount,
      summary,
    };
    const html: Record<string, string> = {};
    for (const language of languages) html[language] = renderSummaryHtml({ ...base, language });
    const csv = csvHeader(schedule.kind, 'en') + body;

    const recipients: RunRecipient[] = [];
    const messages: { contact: (typeof contacts)[number]; language: Language; address: string; methodId: string }[] =
      [];
    for (const contact of contacts) {
      const language = isLanguage(contact.language) ? contact.language : 'en';
      const usable = contact.methods.filter(
        (m) => m.type === 'email' && m.enabled && (m.verifiedAt !== null || m.primary),
      );
      if (usable.length === 0) recipients.push({ contactId: contact.id, name: contact.name, address: null, language });
      for (const m of usable) {
        recipients.push({ contactId: contact.id, name: contact.name, address: m.value, language });
        messages.push({ contact, language, address: m.value, methodId: m.id });
      }
    }
    const output = { csv, html, rowCount, recipients, companyIds: rights.companyIds, startedAt: run.startedAt };
    if (messages.length === 0) {
      await fail(db, runId, 'noAddress', {}, now, output);
      return;
    }

    await db.transaction(async (tx) => {
      const stamp = zonedIso(now, schedule.timeZone).slice(0, 10);
      // the CSV is stored once per language it goes out in, and each message names it
      const csvIds = new Map<Language, string>();
      for (const language of new Set(messages.map((m) => m.language))) {
        csvIds.set(language, await storeAttachment(tx, schedule.accountId, csvHeader(schedule.kind, language) + body));
      }
      for (const m of messages) {
        const notBefore = quietHoursEnd(now, m.contact);
        await writeMessage(tx, {
          accountId: schedule.accountId,
          channel: 'email',
          kind: 'report',
          to: m.address,
          subject: summarySubject({ ...base, language: m.language }),
          bodyText: renderSummaryText({ ...base, language: m.language }),
          bodyHtml: html[m.language],
          metadata: { language: m.language, scheduleId: schedule.id, runId },
          contactId: m.contact.id,
          methodId: m.methodId,
          urgent: false,
          notBefore,
          attachments: [
            {
              filename: `${schedule.kind.replace(/_/g, '-')}-${stamp}.csv`,
              contentType: 'text/csv; charset=utf-8',
              storedId: csvIds.get(m.language)!,
            },
          ],
        });
      }
      await finishRun(tx, runId, {
        ...output,
        status: 'succeeded',
        finishedAt: now,
        error: null,
        errorCode: null,
        errorParams: null,
      });
    });
  } catch (err) {
    if (err instanceof RunRefused) {
      await fail(db, runId, err.code, err.params, now);
      return;
    }
    log?.error({ err, runId }, 'report run failed');
    await fail(db, runId, 'internal', {}, now);
  }
}
