/**
 * The reports module: scheduled reports: `tables.ts` (schedules with `next_run_at`, their companies and
 * recipients; runs with their stored CSV and per-language HTML, unique per schedule and due time), `next-run.ts`
 * (next due time on the schedule's own calendar via `platform/jobs/zoned-time.ts`: a time skipped in spring runs
 * as late as the clocks jumped, a repeated one once; monthly on the 29th–31st falls on the last day of shorter
 * months), `scheduler.ts` (`takeDueSchedules(db, now)`: due rows `FOR UPDATE SKIP LOCKED`, one run per due time,
 * next time computed after `now`; a pg-boss cron tick every minute and `report-run` workers, woken by NOTIFY on
 * `tandem_reports`), `owner-rights.ts` (the owner's status, role and companies re-read at run time), `kinds/`
 * (one file per report: CSV columns, rows in keyset batches of 1,000, summary figures; their SQL in
 * `kinds/repository.ts`), `run.ts`
 * (`executeRun`: atomic claim, CSV via `csvRow` with dates in the schedule's zone, `summary-html.ts` in every
 * language with a bar chart of table cells, one e-mail per recipient address through `writeMessage` with the CSV
 * stored once per language and attached by reference, quiet hours honoured, in the transaction that marks the
 * run done; a made run's state shown to people is how its e-mails fared — sent, waiting, not delivered — counted
 * from the delivery log by run id, index `outbox_report_run_idx`), `service.ts`/`routes.ts`
 * (`/report-schedules`, Send now, history, downloads: the reader must see every company the run covered)
 *
 * Its public surface: other code imports this module only from here (or its tables.ts).
 */
export { nextRunAfter } from './next-run.js';
export {
  insertRun,
  insertSchedule,
  replaceScheduleCompanies,
  replaceScheduleRecipients,
  schedulesOfContact,
} from './repository.js';
export { createSchedule } from './service.js';
export { reportRoutes } from './routes.js';
export { executeRun } from './run.js';
export { queueRun, startReportJobs, takeDueSchedules } from './scheduler.js';
