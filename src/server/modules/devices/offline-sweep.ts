import type { Logger } from 'pino';
import type { Db } from '../../platform/db/pool.js';
import { every, type Every } from '../../platform/jobs/every.js';
import { recordEvents } from '../../platform/events/record.js';
import { loadSettings } from '../settings/index.js';
import * as repo from './repository.js';

/**
 * Marks offline the devices that missed `devices.offlineAfterMissedHeartbeats` heartbeats
 * (read through the settings resolver, per company) as of `now`. Transitions go in batches of
 * `batchSize` devices: each batch's transitions, history rows and `device.offline` events commit
 * together, so a site losing its network (thousands of devices at once) is a few bounded
 * transactions, not one huge one or one per device. The UPDATE is conditional, so two processes
 * sweeping at once never record a transition twice. Returns how many devices went offline.
 */
export async function sweepOfflineDevices(
  db: Db,
  { now, heartbeatSeconds, batchSize = 1_000 }: { now: Date; heartbeatSeconds: number; batchSize?: number },
): Promise<number> {
  const pairs = await repo.companiesWithOnlineDevices(db);
  const byAccount = new Map<string, string[]>();
  for (const { accountId, companyId } of pairs)
    byAccount.set(accountId, [...(byAccount.get(accountId) ?? []), companyId]);
  let total = 0;
  for (const [accountId, companyIds] of byAccount) {
    const settings = await loadSettings(db, accountId, companyIds);
    for (const companyId of companyIds) {
      const missed = settings.get('devices.offlineAfterMissedHeartbeats', companyId);
      const cutoff = new Date(now.getTime() - missed * heartbeatSeconds * 1000);
      for (;;) {
        const marked = await db.transaction(async (tx) => {
          const gone = await repo.markOffline(tx, accountId, companyId, cutoff, batchSize);
          await repo.insertStatusChanges(
            tx,
            gone.map((d) => ({ accountId, deviceId: d.id, status: 'offline' as const, at: now })),
          );
          await recordEvents(
            tx,
            gone.map((device) => ({
              accountId,
              companyId,
              type: 'device.offline' as const,
              subjectId: device.id,
              payload: {
                deviceId: device.id,
                name: device.name,
                companyId,
                lastSeenAt: device.lastSeenAt.toISOString(),
              },
            })),
          );
          return gone.length;
        });
        total += marked;
        if (marked < batchSize) break;
      }
    }
  }
  return total;
}

/** Runs the sweep every `everyMs` in this process (every process runs one); `stop` waits for a sweep in progress. */
export function startOfflineSweep({
  db,
  heartbeatSeconds,
  log,
  everyMs = Math.min(10_000, heartbeatSeconds * 1000),
}: {
  db: Db;
  heartbeatSeconds: number;
  log: Logger;
  everyMs?: number;
}): Every {
  return every(
    everyMs,
    async () => {
      const n = await sweepOfflineDevices(db, { now: new Date(), heartbeatSeconds });
      if (n > 0) log.info({ devices: n }, 'devices marked offline');
    },
    { name: 'offline sweep', log },
  );
}
