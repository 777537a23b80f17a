import type { MaintenanceMode, MaintenanceWindow } from '../../../shared/contracts/maintenance.js';

/** The window form's values; times as the browser's `datetime-local` inputs hold them (local time, to the minute). */
export interface MaintenanceValues {
  companyId: string;
  startsAt: string;
  endsAt: string;
  mode: MaintenanceMode;
  reason: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A date as a `datetime-local` value, in the browser's time zone. */
export function localInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A new window: the company filtered on (if any), from now for two hours, alerts held. */
export function maintenanceValues(window: MaintenanceWindow | null, companyId: string | null): MaintenanceValues {
  const start = new Date(Math.ceil(Date.now() / 300_000) * 300_000);
  return {
    companyId: window?.companyId ?? companyId ?? '',
    startsAt: localInput(window ? new Date(window.startsAt) : start),
    endsAt: localInput(window ? new Date(window.endsAt) : new Date(start.getTime() + 2 * 3_600_000)),
    mode: window?.mode ?? 'hold',
    reason: window?.reason ?? '',
  };
}

const iso = (local: string) => {
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? local : date.toISOString();
};

export function maintenanceBody(values: MaintenanceValues) {
  return {
    companyId: values.companyId,
    startsAt: iso(values.startsAt),
    endsAt: iso(values.endsAt),
    mode: values.mode,
    reason: values.reason.trim(),
  };
}
