import { z } from 'zod';
import { coded } from '../field-problems.js';
import { limits } from '../limits.js';
import { idSchema, pageQuery, timestamp } from './common.js';
import { patterns } from '../patterns.js';

export const devicePlatforms = ['windows', 'macos', 'linux', 'other'] as const;
export type DevicePlatform = (typeof devicePlatforms)[number];
export const deviceStatuses = ['online', 'offline'] as const;
export type DeviceStatus = (typeof deviceStatuses)[number];

/**
 * C0 and C1 control characters, and the bidirectional marks and overrides that make text display
 * differently from what it holds (U+200E, U+200F, U+061C, U+202A–U+202E, U+2066–U+2069).
 */
export const agentTextForbidden = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const agentTextMessage =
  'Remove control characters and bidirectional marks or overrides (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F).';
/** A device's text: trimmed, bounded, without control characters or bidirectional overrides. */
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !agentTextForbidden.test(s), { message: agentTextMessage });
const bytes = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const ipAddress = z.union([z.ipv4(), z.ipv6()], { message: 'Use an IPv4 or IPv6 address' });

// --- what the agent sends -------------------------------------------------------------------------

/**
 * An agent's inventory report. A device's text is untrusted: every field is bounded, unknown
 * fields are refused, and a bad report is refused whole (400) with nothing stored.
 */
export const agentInventorySchema = z.strictObject({
  hostname: text(limits.deviceHostname).min(1),
  platform: z.enum(devicePlatforms),
  os: text(limits.deviceOsText),
  osVersion: text(limits.deviceOsText),
  cpu: z.strictObject({ model: text(limits.deviceText), cores: z.number().int().min(0).max(4096) }),
  memory: z.strictObject({ totalBytes: bytes }),
  disks: z
    .array(z.strictObject({ mount: text(limits.deviceText), sizeBytes: bytes, usedBytes: bytes }))
    .max(limits.deviceDisks),
  addresses: z.array(ipAddress).max(limits.deviceAddresses),
  uptimeSeconds: z
    .number()
    .int()
    .min(0)
    .max(100 * 365 * 86400),
  agentVersion: text(40).min(1),
});
export type AgentInventory = z.infer<typeof agentInventorySchema>;

export const enrolBody = z.strictObject({
  dataKey: z.string().trim().min(1).max(limits.dataKey).describe("the company's data key, shown on its Data key tab"),
  name: text(limits.deviceName)
    .min(1)
    .optional()
    .describe('the name shown in the inventory; the hostname when left out'),
  inventory: agentInventorySchema,
});
export type EnrolBody = z.infer<typeof enrolBody>;

export const enrolResponse = z.object({
  deviceId: z.uuid(),
  credential: z.string().describe('the device credential: send it as `Authorization: Device <credential>`; shown once'),
  heartbeatSeconds: z.number().int(),
  grantKey: z
    .string()
    .describe("the server's Ed25519 public key (base64url, 32 bytes) that signs session grants: the agent pins it"),
});
export type EnrolResponse = z.infer<typeof enrolResponse>;

export const heartbeatResponse = z.object({
  heartbeatSeconds: z.number().int().describe('when to send the next heartbeat'),
});
export type HeartbeatResponse = z.infer<typeof heartbeatResponse>;

export const inventoryResponse = z.object({
  receivedAt: timestamp,
  heartbeatSeconds: z.number().int().describe('when to send the next heartbeat'),
});

// --- what the console sees ------------------------------------------------------------------------

export const deviceAbilitiesSchema = z.object({
  annotate: z.boolean().describe('edit notes and tags'),
  move: z.boolean(),
  revoke: z.boolean(),
});
export type DeviceAbilities = z.infer<typeof deviceAbilitiesSchema>;

export const deviceSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  hostname: z.string().nullable(),
  platform: z.enum(devicePlatforms),
  os: z.string().nullable(),
  osVersion: z.string().nullable(),
  ipAddresses: z.array(z.string()),
  agentVersion: z.string().nullable(),
  status: z.enum(deviceStatuses),
  revoked: z.boolean(),
  tags: z.array(z.string()),
  company: z.object({ id: z.uuid(), name: z.string() }),
  enrolledAt: timestamp,
  lastSeenAt: timestamp,
  abilities: deviceAbilitiesSchema,
});
export type Device = z.infer<typeof deviceSchema>;

export const deviceHardwareSchema = z.object({
  cpu: z.object({ model: z.string(), cores: z.number().int() }).nullable(),
  memory: z.object({ totalBytes: z.number() }).nullable(),
  disks: z.array(z.object({ mount: z.string(), sizeBytes: z.number(), usedBytes: z.number() })),
  uptimeSeconds: z.number().nullable(),
});
export type DeviceHardware = z.infer<typeof deviceHardwareSchema>;

export const deviceDetailSchema = deviceSchema.extend({
  notes: z.string(),
  hardware: deviceHardwareSchema,
  inventoryAt: timestamp.nullable(),
  revokedAt: timestamp.nullable(),
  history: z
    .array(z.object({ status: z.enum(deviceStatuses), at: timestamp }))
    .describe('the latest online/offline transitions, newest first'),
});
export type DeviceDetail = z.infer<typeof deviceDetailSchema>;

export const deviceSorts = ['name', 'lastSeen', 'enrolled'] as const;
export type DeviceSort = (typeof deviceSorts)[number];

/** The filters of the inventory, its count and its CSV export. */
export const deviceFilterQuery = z.object({
  q: z.string().trim().max(limits.search).optional().describe('part of the name, hostname or an IP address'),
  companyId: idSchema.optional(),
  status: z.enum(deviceStatuses).optional(),
  platform: z.enum(devicePlatforms).optional().describe('the OS family'),
  tag: z.string().trim().max(limits.deviceTag).optional(),
  sort: z.enum(deviceSorts).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type DeviceFilter = z.infer<typeof deviceFilterQuery>;

export const deviceListQuery = pageQuery.extend(deviceFilterQuery.shape);

export const deviceCountResponse = z.object({ count: z.number().int() });

export const deviceCsvColumns = [
  'name',
  'company',
  'status',
  'platform',
  'os',
  'osVersion',
  'hostname',
  'ipAddresses',
  'tags',
  'agentVersion',
  'enrolledAt',
  'lastSeenAt',
] as const;
export type DeviceCsvColumn = (typeof deviceCsvColumns)[number];

export const deviceExportQuery = deviceFilterQuery.extend({
  columns: z
    .string()
    .max(400)
    .optional()
    .transform((value, ctx) => {
      if (!value) return [...deviceCsvColumns];
      const list = value.split(',').map((c) => c.trim());
      const unknown = list.filter((c) => !(deviceCsvColumns as readonly string[]).includes(c));
      if (unknown.length > 0 || list.length === 0) {
        ctx.addIssue({
          code: 'custom',
          message: `Unknown column(s): ${unknown.join(', ')}. Use: ${deviceCsvColumns.join(', ')}`,
          params: coded('invalid_choice', { options: [...deviceCsvColumns] }),
        });
        return z.NEVER;
      }
      return list as DeviceCsvColumn[];
    })
    .describe(`comma-separated columns, in order: ${deviceCsvColumns.join(', ')} (default: all)`),
});

export const deviceTagSchema = z
  .string()
  .trim()
  .min(1)
  .max(limits.deviceTag)
  .regex(patterns.tag.regex, { message: 'A tag cannot contain commas' });

export const updateDeviceBody = z.strictObject({
  notes: z.string().max(limits.deviceNotes).optional(),
  tags: z
    .array(deviceTagSchema)
    .max(limits.deviceTags)
    .optional()
    .transform((tags) => (tags ? [...new Set(tags)] : undefined)),
});
export type UpdateDeviceBody = z.infer<typeof updateDeviceBody>;

export const moveDevicesBody = z.strictObject({
  deviceIds: z.array(idSchema).min(1).max(limits.deviceMoveBatch),
  targetCompanyId: idSchema,
});

const personSchema = z.object({ id: z.uuid(), name: z.string(), email: z.string() });

/** Who gains and who loses sight of the devices a move would carry. */
export const movePreviewSchema = z.object({
  devices: z.number().int().describe('devices that would move (those already in the target stay)'),
  target: z.object({ id: z.uuid(), name: z.string() }),
  sources: z.array(z.object({ id: z.uuid(), name: z.string(), devices: z.number().int() })),
  gain: z.array(personSchema).describe('users who would see devices they do not see now (first 100)'),
  gainCount: z.number().int(),
  lose: z.array(personSchema).describe('users who would no longer see some of the devices (first 100)'),
  loseCount: z.number().int(),
});
export type MovePreview = z.infer<typeof movePreviewSchema>;

export const moveResultSchema = z.object({ moved: z.number().int(), targetCompanyId: z.uuid() });
