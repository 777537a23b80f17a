/**
 * The devices module: devices and the agent's API: enrolment, heartbeats, inventory (`agent-routes.ts`,
 * `agent-service.ts`, `agent-auth.ts`), the inventory list, count, CSV, detail, notes and tags, revocation and
 * moves (`routes.ts`, `service.ts`, `csv-export.ts`), the offline sweep (`offline-sweep.ts`), the set-based seed
 * (`seed.ts`), the packaged agent's downloads (`agent-downloads.ts`, `agent-download-routes.ts`: dist/agent's files
 * to whoever may see a company's data key)
 *
 * - **Agent routes** (`/api/agent/...`) declare the permission `agent`: the authentication hook reads
 *   `Authorization: Device tdc_…`, hashes it into `request.deviceCredentialHash` (401 when absent) and stops
 *   there; each route's one statement finds the device by that hash and `revoked_at is null`, so a heartbeat
 *   is one UPDATE (plus, on a flip to online, a history row and a `device.online` event in the same
 *   transaction), and a revoked credential fails at once. Enrolment (`public`, the data key is the proof,
 *   rate-limited per address) locks the licence row like seat assignments do; beyond the device limit it
 *   commits a `licence.device_limit_reached` event and answers 409. Credentials are stored as their SHA-256.
 *   Every field an agent sends is bounded by `agentInventorySchema` (strict: unknown fields refused; its text
 *   refuses control characters and bidirectional marks and overrides, which tandem-agent turns into spaces
 *   before sending).
 *
 * - **Offline detection**: `sweepOfflineDevices(db, {now, heartbeatSeconds})` runs every few seconds in every
 *   process (the `offline sweep` of `workers.ts`, on `platform/jobs/every.ts`). Per company it reads
 *   `devices.offlineAfterMissedHeartbeats` through the settings resolver and runs `UPDATE … WHERE status =
 *   'online' AND last_seen_at < now − interval × missed RETURNING`, so two processes never record one
 *   transition twice; history rows and `device.offline` events (`deviceId`, `name`, `companyId`, `lastSeenAt`)
 *   commit with it. Tests pass their own `now`.
 *
 * - **Devices at scale**: the list is keyset-paginated on (sort key, id) with one btree index per sort,
 *   `(account_id, lower(name), id)`, `(account_id, last_seen_at, id)`, `(account_id, enrolled_at, id)`, and
 *   `(account_id, company_id, lower(name), id)` for one company; a page after 90,000 devices is one index
 *   range like the first. Search uses `search_text` (name, hostname and addresses, lower case, written by the
 *   repository) with a `pg_trgm` GIN index (`create extension if not exists pg_trgm`, migration 0006: shipped
 *   by the embedded PostgreSQL and by Debian's); tags a GIN index; the sweep a partial index on online
 *   devices. **Counts** are their own request (`GET /devices/count`, same filters): the console asks once per
 *   filter and keeps it 30 s, so paging never counts; at 100,000 devices an exact count is one index-only or
 *   sequential scan of a few tens of milliseconds, measured by `tests/integration/devices-speed.test.ts` (`npm
 *   run test:speed` runs it alone and holds the HTTP answers to 100 ms).
 *
 * - **Moves**: `POST /devices/move` (and its `/preview`) and the company page's "move every device" go through
 *   one `planMove`/`applyMove`: every device must be visible (404 otherwise, nothing moves), the target a
 *   visible company (400); the audit row `device.move` names the source companies, the devices and who gained
 *   or lost sight of them (users limited to some companies; administrators and "all companies" users see
 *   everything before and after). Clearing a company's inventory deletes through the same repository.
 *
 * Its public surface: other code imports this module only from here (or its tables.ts).
 */
export { identifyDevice } from './agent-auth.js';
export { agentDownloadRoutes } from './agent-download-routes.js';
export { agentRoutes } from './agent-routes.js';
export { newCredential } from './agent-service.js';
export { enrolDemoDevices } from './demo.js';
export { startOfflineSweep, sweepOfflineDevices } from './offline-sweep.js';
export { presentDevice } from './presenter.js';
export {
  countCompanyDevices,
  credentialHashOf,
  devicesInUse,
  insertDevice,
  listDevices as listDeviceRows,
  revokeDevice,
} from './repository.js';
export { deviceRoutes } from './routes.js';
export { seedDevices } from './seed-repository.js';
export { listDevices } from './service.js';
