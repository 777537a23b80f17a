import type { ReportKind } from '../../../../shared/contracts/reports.js';
import type { Permission } from '../../../../shared/permissions.js';
import { auditTrail } from './audit-trail.js';
import { deviceInventory } from './device-inventory.js';
import { offlineDevices } from './offline-devices.js';
import { seatUsage } from './seat-usage.js';
import { supportActivity } from './support-activity.js';
import { supportSessions } from './support-sessions.js';
import type { ReportDefinition } from './types.js';

export const reportDefinitions: Record<ReportKind, ReportDefinition> = {
  device_inventory: deviceInventory,
  offline_devices: offlineDevices,
  support_activity: supportActivity,
  seat_usage: seatUsage,
  audit_trail: auditTrail,
  support_sessions: supportSessions,
};

/** The permission the schedule's owner needs, at run time, to read what a kind of report shows. */
export const dataPermissionOf: Record<ReportKind, Permission> = {
  device_inventory: 'devices.read',
  offline_devices: 'devices.read',
  support_activity: 'requests.read',
  seat_usage: 'seats.read',
  audit_trail: 'audit.read',
  support_sessions: 'sessions.read',
};
