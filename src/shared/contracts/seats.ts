import { z } from 'zod';
import { licenceBounds, modules, type Module } from '../licence.js';
import { limits } from '../limits.js';
import { roles } from '../permissions.js';
import { idSchema, listResponse, timestamp } from './common.js';

export const moduleSchema = z.enum(modules);

/** The English names of the modules, as the API's messages use them; the console translates. */
export const moduleNames: Record<Module, string> = { remoteSupport: 'Remote Support', serviceDesk: 'Service Desk' };

/** The licence field that holds a module's seat count. */
export const seatCountField = {
  remoteSupport: 'remoteSupportSeats',
  serviceDesk: 'serviceDeskSeats',
} as const satisfies Record<Module, string>;

export const licenceSchema = z.object({
  remoteSupportSeats: z.number().int(),
  serviceDeskSeats: z.number().int(),
  deviceLimit: z.number().int(),
  updatedAt: timestamp,
});
export type Licence = z.infer<typeof licenceSchema>;

export const seatHolderSchema = z.object({
  userId: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: z.enum(roles),
  status: z.enum(['invited', 'active', 'disabled']),
  assignedAt: timestamp,
});
export type SeatHolder = z.infer<typeof seatHolderSchema>;

export const moduleSeatsSchema = z.object({
  module: moduleSchema,
  total: z.number().int().describe('the seat count of the licence'),
  used: z.number().int().describe('seats held, by anyone in the account'),
  holders: z.array(seatHolderSchema).describe('who holds a seat, limited to the users the caller may see'),
  hiddenHolders: z.number().int().describe('holders outside the caller’s companies, counted but not listed'),
});
export type ModuleSeats = z.infer<typeof moduleSeatsSchema>;

export const seatsResponse = z.object({
  licence: licenceSchema,
  modules: z.array(moduleSeatsSchema),
  devices: z.object({
    used: z.number().int().describe('enrolled devices that are not revoked'),
    limit: z.number().int(),
  }),
  abilities: z.object({ update: z.boolean().describe('may change the licence and assign or release seats') }),
});
export type SeatsOverview = z.infer<typeof seatsResponse>;

const seatCount = z.number().int().min(0).max(licenceBounds.seatsMax);

export const updateLicenceBody = z
  .object({
    remoteSupportSeats: seatCount,
    serviceDeskSeats: seatCount,
    deviceLimit: z.number().int().min(0).max(licenceBounds.deviceLimitMax),
  })
  .partial()
  .strict();
export type UpdateLicenceBody = z.infer<typeof updateLicenceBody>;

export const moduleParams = z.object({ module: moduleSchema });
export const assignmentParams = z.object({ module: moduleSchema, userId: idSchema });
export const assignSeatBody = z.object({ userId: idSchema });

export const seatAssignmentSchema = z.object({
  module: moduleSchema,
  userId: z.uuid(),
  assignedAt: timestamp,
  assignedBy: z.uuid().nullable(),
});
export type SeatAssignment = z.infer<typeof seatAssignmentSchema>;

/** The details of a refusal, so a client can word it in its own language. */
export const seatRefusalReasons = [
  'seats_exhausted',
  'count_below_use',
  'device_limit_below_use',
  'role_cannot_hold',
  'user_disabled',
  'seat_required',
] as const;
/** @public the console's reasons for a seat refusal */
export type SeatRefusalReason = (typeof seatRefusalReasons)[number];

export const candidatesQuery = z.object({
  module: moduleSchema,
  search: z.string().trim().max(limits.search).optional(),
  limit: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(limits.pageSizeDefault),
  cursor: z.string().max(limits.cursor).optional(),
});

export const seatCandidateSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: z.enum(roles),
  status: z.enum(['invited', 'active', 'disabled']),
});
export const candidatesResponse = listResponse(seatCandidateSchema);

export const mySeatsResponse = z.object({
  modules: z.array(moduleSchema).describe('the modules the caller holds a seat of'),
});
