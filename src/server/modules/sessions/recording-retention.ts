import { definitionOf } from '../../../shared/settings.js';
import type { Db } from '../../platform/db/pool.js';
import { loadSettings } from '../settings/index.js';
import * as repo from './recording-repository.js';

const retentionKey = 'sessions.recordingRetentionDays';

/**
 * Deletes what a company keeps no longer: recordings (their chunks with them) whose `deleteAfter`
 * passed, set from the company's `sessions.recordingRetentionDays` when they started; snapshots
 * older than that setting as it is now for the session's company. In batches, until none is left.
 */
export async function applyRecordingRetention(
  db: Db,
  { batch = 50 }: { batch?: number } = {},
): Promise<{ recordings: number; snapshots: number }> {
  let recordings = 0;
  for (let removed = batch; removed === batch; recordings += removed)
    removed = await repo.deleteExpiredRecordings(db, batch);
  let snapshots = 0;
  const byAccount = new Map<string, string[]>();
  for (const { accountId, companyId } of await repo.companiesWithOldSnapshots(db, shortestRetentionDays()))
    byAccount.set(accountId, [...(byAccount.get(accountId) ?? []), companyId]);
  for (const [accountId, companyIds] of byAccount) {
    const settings = await loadSettings(db, accountId, companyIds);
    for (const companyId of companyIds) {
      const days = settings.get(retentionKey, companyId);
      for (let removed = batch; removed === batch; snapshots += removed)
        removed = await repo.deleteOldSnapshots(db, companyId, days, batch);
    }
  }
  return { recordings, snapshots };
}

/** The least a company may keep: no snapshot younger than this can be due. */
function shortestRetentionDays(): number {
  const input = definitionOf(retentionKey)?.input;
  return input && 'min' in input && typeof input.min === 'number' ? input.min : 1;
}
