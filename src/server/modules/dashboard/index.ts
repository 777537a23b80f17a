/**
 * The dashboard module: the operations dashboard `GET /api/v1/dashboard` (`routes.ts`, `service.ts`,
 * `repository.ts`): requests waiting and the longest wait, technicians available (presence's
 * `countAvailableAmong`), devices online and offline with the companies most offline and a 24-hour trend,
 * alerts fired since midnight in the account's time zone, seats in use against the licence — each section
 * only for who may open it, over the caller's companies or the one chosen, in a handful of aggregate
 * statements (read-only joins on devices', requests' and alerts' tables); and the trend's history
 * (`tables.ts`: `device_status_samples`), written by the `device status sampler` worker of `workers.ts`
 * (`sampler.ts`: every company's counts each 15-minute slot, once across processes; samples older than
 * eight days deleted)
 *
 * Its public surface: other code imports this module only from here (or its tables.ts).
 */
export { dashboardRoutes } from './routes.js';
export { sampleDeviceStatus, slotOf, startDeviceSampler } from './sampler.js';
