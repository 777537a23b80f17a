import type { DeviceCsvColumn, DeviceFilter } from '../../../shared/contracts/devices.js';
import type { Actor } from '../../platform/authz.js';
import type { Db } from '../../platform/db/pool.js';
import { csvRow } from '../../platform/http/csv.js';
import type { DeviceListRow } from './repository.js';
import { allMatchingDevices } from './service.js';

const cellOf: Record<DeviceCsvColumn, (d: DeviceListRow) => unknown> = {
  name: (d) => d.name,
  company: (d) => d.companyName,
  status: (d) => (d.revokedAt ? 'revoked' : d.status),
  platform: (d) => d.platform,
  os: (d) => d.os,
  osVersion: (d) => d.osVersion,
  hostname: (d) => d.hostname,
  ipAddresses: (d) => d.ipAddresses.join(' '),
  tags: (d) => d.tags.join(';'),
  agentVersion: (d) => d.agentVersion,
  enrolledAt: (d) => d.enrolledAt.toISOString(),
  lastSeenAt: (d) => d.lastSeenAt.toISOString(),
};

/**
 * The devices matching the filter as CSV lines, header first, in the list's order; `csvRow`
 * neutralises anything a spreadsheet would run as a formula (a device's text is untrusted).
 */
export async function* deviceCsvLines(
  db: Db,
  actor: Actor,
  filter: DeviceFilter,
  columns: readonly DeviceCsvColumn[],
): AsyncGenerator<string> {
  const batches = allMatchingDevices(db, actor, filter);
  // the filter is checked (404 for a company one cannot see) before the header goes out
  const first = await batches.next();
  yield csvRow(columns);
  if (first.done) return;
  for (const d of first.value) yield csvRow(columns.map((c) => cellOf[c](d)));
  for await (const batch of batches) {
    for (const d of batch) yield csvRow(columns.map((c) => cellOf[c](d)));
  }
}
