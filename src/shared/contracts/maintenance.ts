import { z } from 'zod';
import { idSchema, timestamp } from './common.js';

/** What a maintenance window does with its company's alerts: hold them for one summary after, or drop them (recorded only). */
export const maintenanceModes = ['hold', 'drop'] as const;
export type MaintenanceMode = (typeof maintenanceModes)[number];

export const maintenanceReasonMax = 200;
/** A window lasts at most this long: a forgotten window would silence a company's alerts for good. */
export const maintenanceMaxDays = 31;

const at = z.iso.datetime({ offset: true });

export const createMaintenanceWindowBody = z.object({
  companyId: idSchema,
  startsAt: at,
  endsAt: at,
  mode: z.enum(maintenanceModes),
  reason: z.string().trim().min(1, { message: 'Required' }).max(maintenanceReasonMax),
});
export type CreateMaintenanceWindowBody = z.infer<typeof createMaintenanceWindowBody>;

export const updateMaintenanceWindowBody = createMaintenanceWindowBody.partial().strict();
export type UpdateMaintenanceWindowBody = z.infer<typeof updateMaintenanceWindowBody>;

export const maintenanceWindowQuery = z.object({
  companyId: idSchema.optional(),
  /** `current`: upcoming and in force (the default); `ended`: the past ones, most recent first */
  when: z.enum(['current', 'ended']).default('current'),
});

export const maintenanceWindowSchema = z.object({
  id: z.uuid(),
  companyId: z.uuid(),
  companyName: z.string(),
  startsAt: timestamp,
  endsAt: timestamp,
  mode: z.enum(maintenanceModes),
  reason: z.string(),
  state: z.enum(['upcoming', 'active', 'ended']),
  /** alerts of the company that fired during the window: held (or summarised after), dropped */
  heldAlerts: z.number().int(),
  droppedAlerts: z.number().int(),
  abilities: z.object({ update: z.boolean(), delete: z.boolean() }),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type MaintenanceWindow = z.infer<typeof maintenanceWindowSchema>;

export const maintenanceWindowList = z.object({ items: z.array(maintenanceWindowSchema) });
