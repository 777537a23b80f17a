// The reports module's public surface: other code imports this module only from here (or its tables.ts).
export { nextRunAfter } from './next-run.js';
export {
  insertRun,
  insertSchedule,
  replaceScheduleCompanies,
  replaceScheduleRecipients,
  schedulesOfContact,
} from './repository.js';
export { reportRoutes } from './routes.js';
export { executeRun } from './run.js';
export { queueRun, startReportJobs, takeDueSchedules } from './scheduler.js';
