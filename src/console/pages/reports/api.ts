import type { QueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { listResponse } from '../../../shared/contracts/common.js';
import { reportRun, reportSchedule, type ReportRun, type ReportSchedule } from '../../../shared/contracts/reports.js';
import { limits } from '../../../shared/limits.js';
import { api } from '../../api/client.js';

export const scheduleList = listResponse(reportSchedule);
export const runList = listResponse(reportRun);

export const reportKeys = {
  all: ['reports'] as const,
  list: (q: string) => ['reports', 'list', q] as const,
  detail: (id: string) => ['reports', 'detail', id] as const,
  runs: (id: string) => ['reports', 'runs', id] as const,
};

export function fetchSchedulePage(q: string, cursor: string | undefined, signal: AbortSignal) {
  return api.get('/report-schedules', {
    query: { search: q || undefined, limit: limits.pageSizeDefault, cursor },
    schema: scheduleList,
    signal,
  });
}

export function fetchRunPage(scheduleId: string, cursor: string | undefined, signal: AbortSignal) {
  return api.get(`/report-schedules/${scheduleId}/runs`, {
    query: { limit: limits.pageSizeDefault, cursor },
    schema: runList,
    signal,
  });
}

export const fetchSchedule = (id: string, signal: AbortSignal) =>
  api.get(`/report-schedules/${id}`, { schema: reportSchedule, signal });

/** Creates a schedule, or saves the one given by id. */
export const saveSchedule = (id: string | null, body: object) =>
  id
    ? api.patch(`/report-schedules/${id}`, body, { schema: reportSchedule })
    : api.post('/report-schedules', body, { schema: reportSchedule });

export const deleteSchedule = (id: string) => api.delete(`/report-schedules/${id}`);

/** "Send now": a run of the schedule, queued at once. */
export const sendScheduleNow = (id: string) =>
  api.post(`/report-schedules/${id}/runs`, undefined, { schema: reportRun });

export function refreshReports(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: reportKeys.all });
}

/** "Daily at 08:00", "Every Monday at 08:00", "Monthly on day 31 at 08:00 (the last day in shorter months)", with the time zone. */
export function recurrenceText(
  t: TFunction,
  s: Pick<ReportSchedule, 'frequency' | 'weekday' | 'monthDay' | 'time' | 'timeZone'>,
): string {
  const time = s.time;
  if (s.frequency === 'weekly')
    return t('reports.recurrence.weekly', {
      day: t(`reports.weekdays.${String(s.weekday ?? 1) as '1'}`),
      time,
      timeZone: s.timeZone,
    });
  if (s.frequency === 'monthly')
    return t(s.monthDay && s.monthDay > 28 ? 'reports.recurrence.monthlyLate' : 'reports.recurrence.monthly', {
      day: s.monthDay,
      time,
      timeZone: s.timeZone,
    });
  return t('reports.recurrence.daily', { time, timeZone: s.timeZone });
}

export const statusColor: Record<ReportRun['status'], string> = {
  queued: 'gray',
  running: 'blue',
  succeeded: 'teal',
  failed: 'red',
};

/** A failed run's reason in the reader's language (the server's English text when the code is unknown). */
export function failureText(t: TFunction, run: Pick<ReportRun, 'errorCode' | 'errorParams' | 'error'>): string | null {
  if (run.errorCode) return t(`reports.failures.${run.errorCode}`, { name: run.errorParams?.name ?? '' });
  return run.error;
}

export const downloadUrl = (
  scheduleId: string,
  runId: string,
  file: 'report.csv' | 'summary.html',
  language?: string,
) => `/api/v1/report-schedules/${scheduleId}/runs/${runId}/${file}${language ? `?language=${language}` : ''}`;
