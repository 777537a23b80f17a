import type { ReportRun, ReportSchedule } from '../../../shared/contracts/reports.js';
import { roleCan } from '../../../shared/permissions.js';
import type { Actor } from '../../platform/authz.js';
import type { RunSummaryRow, ScheduleWithParts } from './repository.js';

export function presentSchedule(s: ScheduleWithParts, actor: Actor): ReportSchedule {
  const manage = roleCan(actor.role, 'reports.manage');
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    allCompanies: s.allCompanies,
    companies: s.companies,
    frequency: s.frequency,
    weekday: s.weekday,
    monthDay: s.monthDay,
    time: s.time,
    timeZone: s.timeZone,
    recipients: s.recipients,
    enabled: s.enabled,
    nextRunAt: s.enabled && s.nextRunAt ? s.nextRunAt.toISOString() : null,
    owner: s.owner,
    lastRun: s.lastRun
      ? {
          id: s.lastRun.id,
          status: s.lastRun.status,
          delivery: s.lastRun.delivery,
          createdAt: s.lastRun.createdAt.toISOString(),
        }
      : null,
    abilities: { update: manage, delete: manage, sendNow: manage },
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

export function presentRun(r: RunSummaryRow): ReportRun {
  return {
    id: r.id,
    scheduleId: r.scheduleId,
    trigger: r.trigger,
    status: r.status,
    scheduledFor: r.scheduledFor?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    periodStart: r.periodStart?.toISOString() ?? null,
    periodEnd: r.periodEnd?.toISOString() ?? null,
    recipients: r.recipients,
    rowCount: r.rowCount,
    error: r.error,
    errorCode: r.errorCode,
    errorParams: r.errorParams,
    delivery: r.delivery,
    hasOutput: r.hasOutput,
  };
}
