import type { Queryable } from '../../platform/db/pool.js';
import { recordEvents } from '../../platform/events/record.js';

/** One `script.result` event per finished part, in the caller's transaction: open consoles update the run's page. */
export async function announceFinished(
  tx: Queryable,
  parts: readonly {
    id: string;
    runId: string;
    accountId: string;
    companyId: string;
    deviceId: string;
    status: string;
  }[],
): Promise<void> {
  if (!parts.length) return;
  await recordEvents(
    tx,
    parts.map((p) => ({
      accountId: p.accountId,
      companyId: p.companyId,
      type: 'script.result',
      subjectId: p.runId,
      payload: { runId: p.runId, resultId: p.id, deviceId: p.deviceId, status: p.status },
    })),
  );
}
