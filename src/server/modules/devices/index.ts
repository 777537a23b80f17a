/**
 * The devices module: devices and the agent's API: enrolment, heartbeats, inventory (`agent-routes.ts`,
 * `agent-service.ts`, `agent-auth.ts`), the inventory list, count, CSV, detail, notes and tags, revocation and
 * moves (`routes.ts`, `service.ts`, `csv-export.ts`), the offline sweep (`offline-sweep.ts`), the set-based seed
 * (`seed.ts`)
 *
 * Its public surface: other code imports this module only from here (or its tables.ts).
 */
export { identifyDevice } from './agent-auth.js';
export { agentRoutes } from './agent-routes.js';
export { newCredential } from './agent-service.js';
export { enrolDemoDevices } from './demo.js';
export { startOfflineSweep, sweepOfflineDevices } from './offline-sweep.js';
export { presentDevice } from './presenter.js';
export {
  countCompanyDevices,
  credentialHashOf,
  devicesInUse,
  deleteCompanyDevices,
  insertDevice,
  listDevices as listDeviceRows,
  revokeDevice,
} from './repository.js';
export { deviceRoutes } from './routes.js';
export { seedDevices } from './seed.js';
export { listDevices, moveCompanyDevices } from './service.js';
