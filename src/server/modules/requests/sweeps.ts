import type { Config } from '../../config.js';
import type { Db } from '../../platform/db/pool.js';
import { every, type Every, type EveryLog } from '../../platform/jobs/every.js';
import { companyIdsByAccount } from '../companies/index.js';
import { findPortalOfCompany } from '../portals/index.js';
import { loadSettings } from '../settings/index.js';
import { afterOffline } from './offline.js';
import * as repo from './repository.js';

/**
 * Waiting requests whose wait timeout passed, or that nobody can take any more (every technician
 * gone), become offline questions (e-mail, event, notice to the customer's socket). Safe in
 * several processes at once: the conditional UPDATEs take each request once.
 */
export async function sweepWaiting(db: Db, config: Config, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const expired = [...(await repo.expireWaiting(tx, now)), ...(await repo.abandonWaiting(tx, now))];
    for (const request of expired) {
      const portal = await findPortalOfCompany(tx, request.accountId, request.companyId);
      await afterOffline(tx, config, request, { slug: portal?.slug ?? '', companyName: portal?.companyName ?? '' });
    }
    return expired.length;
  });
}

/**
 * Deletes closed requests and their transcripts older than each company's
 * `sessions.recordingRetentionDays` (read through the settings resolver).
 */
export async function applyRetention(db: Db, now = new Date()): Promise<number> {
  const byAccount = await companyIdsByAccount(db);
  let deleted = 0;
  for (const [accountId, companyIds] of byAccount) {
    const settings = await loadSettings(db, accountId, companyIds);
    for (const companyId of companyIds) {
      const days = settings.get('sessions.recordingRetentionDays', companyId);
      deleted += await repo.deleteOlderThan(db, accountId, companyId, new Date(now.getTime() - days * 86_400_000));
    }
  }
  return deleted;
}

/**
 * The sweeps of a running server, each never twice at once: wait timeouts every few seconds,
 * retention at start and then every hour. `stop` waits for the sweeps under way.
 */
export function startSupportJobs({
  db,
  config,
  log,
  waitEveryMs = 5_000,
  retentionEveryMs = 3_600_000,
}: {
  db: Db;
  config: Config;
  log: EveryLog;
  waitEveryMs?: number;
  retentionEveryMs?: number;
}): Every {
  const loops = [
    every(waitEveryMs, () => sweepWaiting(db, config), { name: 'wait-timeout sweep', log }),
    every(retentionEveryMs, () => applyRetention(db), { name: 'retention', log, immediately: true }),
  ];
  return {
    async stop() {
      await Promise.all(loops.map((loop) => loop.stop()));
    },
  };
}
