import { dashboardTopCompanies, type Dashboard } from '../../../shared/contracts/dashboard.js';
import { roleCan } from '../../../shared/permissions.js';
import { companyFilter, type Actor } from '../../platform/authz.js';
import type { Queryable } from '../../platform/db/pool.js';
import { localParts, zonedTime } from '../../platform/jobs/zoned-time.js';
import { findLicence } from '../accounts/index.js';
import { requireCompany } from '../companies/index.js';
import { countAvailableAmong } from '../presence/index.js';
import { seatsInUse, userSeats } from '../seats/index.js';
import { loadSettings } from '../settings/index.js';
import * as repo from './repository.js';

const dayMs = 24 * 60 * 60_000;

/** Midnight of `now`'s day in a time zone. */
function startOfDay(now: Date, timeZone: string): Date {
  const { year, month, day } = localParts(now, timeZone);
  return zonedTime(year, month, day, 0, 0, timeZone);
}

/** The live queue is the Support workspace's: a technician's permission and a Remote Support seat. */
async function worksTheQueue(db: Queryable, actor: Actor): Promise<boolean> {
  if (!roleCan(actor.role, 'requests.answer')) return false;
  const seats = await userSeats(db, actor.accountId, [actor.userId]);
  return seats.get(actor.userId)?.includes('remoteSupport') ?? false;
}

/**
 * The operations dashboard for the caller: each section they may open (its permission; the live
 * queue also a Remote Support seat), counted over their companies or the one chosen (404 for one
 * outside their access or account). A handful of aggregate statements, none per company or device.
 */
export async function dashboardOf(
  db: Queryable,
  actor: Actor,
  companyId: string | undefined,
  now = new Date(),
): Promise<Dashboard> {
  if (companyId) await requireCompany(db, actor, companyId);
  const scope: repo.DashboardScope = {
    accountId: actor.accountId,
    companyIds: companyId ? [companyId] : companyFilter(actor),
  };

  const requests = async (): Promise<Dashboard['requests']> => {
    if (!(await worksTheQueue(db, actor))) return null;
    const [queue, available] = await Promise.all([
      repo.waitingRequests(db, scope),
      countAvailableAmong(db, actor.accountId, scope.companyIds, now),
    ]);
    return { waiting: queue.waiting, oldestWaitingSince: queue.oldest, techniciansAvailable: available };
  };

  const devices = async (): Promise<Dashboard['devices']> => {
    if (!roleCan(actor.role, 'devices.read')) return null;
    const [counts, samples] = await Promise.all([
      repo.deviceCounts(db, scope, dashboardTopCompanies),
      repo.deviceTrend(db, scope, new Date(now.getTime() - dayMs)),
    ]);
    const trend = [...samples, { at: now.toISOString(), online: counts.online, offline: counts.offline }];
    return {
      online: counts.online,
      offline: counts.offline,
      companiesWithDevices: counts.companiesWithDevices,
      companies: counts.companies,
      trend,
    };
  };

  const alerts = async (): Promise<Dashboard['alerts']> => {
    if (!roleCan(actor.role, 'alerts.read')) return null;
    const timeZone = (await loadSettings(db, actor.accountId)).get('general.timeZone');
    const since = startOfDay(now, timeZone);
    return { firedToday: await repo.alertsFiredSince(db, scope, since), since: since.toISOString(), timeZone };
  };

  const seats = async (): Promise<Dashboard['seats']> => {
    if (!roleCan(actor.role, 'seats.read')) return null;
    const [used, licence] = await Promise.all([seatsInUse(db, actor.accountId), findLicence(db, actor.accountId)]);
    return {
      modules: [
        { module: 'remoteSupport', used: used.remoteSupport, licensed: licence?.remoteSupportSeats ?? 0 },
        { module: 'serviceDesk', used: used.serviceDesk, licensed: licence?.serviceDeskSeats ?? 0 },
      ],
    };
  };

  const [r, d, a, s] = await Promise.all([requests(), devices(), alerts(), seats()]);
  return { generatedAt: now.toISOString(), companyId: companyId ?? null, requests: r, devices: d, alerts: a, seats: s };
}
