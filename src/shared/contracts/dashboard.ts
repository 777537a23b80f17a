import { z } from 'zod';
import { modules } from '../licence.js';
import { idSchema, timestamp } from './common.js';

/** How many companies the devices card lists, most offline devices first. */
export const dashboardTopCompanies = 8;

export const dashboardQuery = z.object({
  companyId: idSchema
    .optional()
    .describe("one company (the company switcher's choice); one outside your access answers 404"),
});

const count = z.number().int().min(0);

export const dashboardRequests = z.object({
  waiting: count.describe('live requests waiting for a technician'),
  oldestWaitingSince: timestamp.nullable().describe('when the longest-waiting request arrived; null when none waits'),
  techniciansAvailable: count.describe('technicians online, available, seated and under their chat capacity'),
});

export const dashboardCompanyDevices = z.object({
  companyId: z.uuid(),
  name: z.string(),
  online: count,
  offline: count,
});

export const dashboardTrendPoint = z.object({ at: timestamp, online: count, offline: count });

export const dashboardDevices = z.object({
  online: count,
  offline: count,
  companies: z
    .array(dashboardCompanyDevices)
    .describe(`at most ${dashboardTopCompanies} companies with devices, most offline first`),
  companiesWithDevices: count,
  trend: z
    .array(dashboardTrendPoint)
    .describe('samples of the last 24 hours, oldest first (about every 15 minutes), ending with the counts of now'),
});

export const dashboardAlerts = z.object({
  firedToday: count.describe("alerts fired since midnight in the account's time zone"),
  since: timestamp.describe("that midnight, in the account's time zone"),
  timeZone: z.string(),
});

export const dashboardSeats = z.object({
  modules: z.array(z.object({ module: z.enum(modules), used: count, licensed: count })),
});

/**
 * The operations dashboard. A section the caller may not open (its permission, or a seat for the
 * live queue) is null; counts cover the caller's companies, or the one asked for.
 */
export const dashboardResponse = z.object({
  generatedAt: timestamp,
  companyId: z.uuid().nullable(),
  requests: dashboardRequests.nullable(),
  devices: dashboardDevices.nullable(),
  alerts: dashboardAlerts.nullable(),
  seats: dashboardSeats.nullable(),
});
export type Dashboard = z.infer<typeof dashboardResponse>;
