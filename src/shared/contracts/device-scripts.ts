import { z } from 'zod';
import { limits } from '../limits.js';
import { idSchema, listResponse, pageQuery, timestamp } from './common.js';

/**
 * Saved scripts run on enrolled devices. A script names the shell that runs it: `sh` and `bash` on
 * Linux and macOS, `powershell` and `cmd` on Windows. The agent writes the text to a temporary file
 * and runs that file with the shell (never a command line made of the text).
 */
export const scriptShells = ['sh', 'bash', 'powershell', 'cmd'] as const;
export type ScriptShell = (typeof scriptShells)[number];

/** The device platforms each shell runs on (`other`: the agent tries, and says so if it cannot). */
export const shellPlatforms: Record<ScriptShell, readonly string[]> = {
  sh: ['linux', 'macos', 'other'],
  bash: ['linux', 'macos', 'other'],
  powershell: ['windows', 'other'],
  cmd: ['windows', 'other'],
};

/**
 * A device's part of a run: `queued` (waiting for its agent), `sent` (its agent got it), `running`,
 * then `succeeded` (exit code 0), `failed` (another exit code, or the shell could not start),
 * `timed_out` (stopped at the script's timeout), `unreachable` (the agent never took it before the
 * run's wait ended, or never reported), `refused` (never sent: see `reason`).
 */
export const scriptResultStatuses = [
  'queued',
  'sent',
  'running',
  'succeeded',
  'failed',
  'timed_out',
  'unreachable',
  'refused',
] as const;
export type ScriptResultStatus = (typeof scriptResultStatuses)[number];
export const finalScriptStatuses: readonly ScriptResultStatus[] = [
  'succeeded',
  'failed',
  'timed_out',
  'unreachable',
  'refused',
];

/** Why a device's part was refused before it was sent. */
export const scriptRefusals = ['consent_required', 'platform', 'revoked'] as const;

export const scriptSchema = z.object({
  id: z.uuid(),
  companyId: z.uuid().nullable().describe('null: the whole account'),
  companyName: z.string().nullable(),
  name: z.string(),
  shell: z.enum(scriptShells),
  body: z.string(),
  timeoutSeconds: z.number().int(),
  updatedAt: timestamp,
  abilities: z.object({ update: z.boolean(), delete: z.boolean(), run: z.boolean() }),
});
export type Script = z.infer<typeof scriptSchema>;
export const scriptListResponse = z.object({ items: z.array(scriptSchema) });

const fields = {
  name: z.string().trim().min(1, { message: 'Required' }).max(limits.scriptName),
  shell: z.enum(scriptShells),
  body: z
    .string()
    .max(limits.scriptBody)
    .refine((s) => s.trim().length > 0, { message: 'Required' }),
  timeoutSeconds: z.number().int().min(1).max(limits.scriptTimeoutSecondsMax),
};

export const createScriptBody = z.object({
  companyId: idSchema.nullable().describe('null: every company of the account (who sees every company only)'),
  ...fields,
  timeoutSeconds: fields.timeoutSeconds.default(60),
});
export type CreateScript = z.infer<typeof createScriptBody>;
export const updateScriptBody = z.object(fields).partial().strict();

export const createScriptRunBody = z.object({
  deviceIds: z.array(idSchema).min(1).max(limits.scriptRunDevices),
  waitMinutes: z
    .number()
    .int()
    .min(1)
    .max(limits.scriptRunWaitMinutesMax)
    .default(10)
    .describe('how long a device not connected now may still take the run'),
});

const statusCounts = z.object(
  Object.fromEntries(scriptResultStatuses.map((s) => [s, z.number().int()])) as Record<ScriptResultStatus, z.ZodNumber>,
);

export const scriptRunSchema = z.object({
  id: z.uuid(),
  scriptId: z.uuid().nullable().describe('null once the script was deleted'),
  scriptName: z.string(),
  shell: z.enum(scriptShells),
  timeoutSeconds: z.number().int(),
  createdBy: z.object({ id: z.uuid().nullable(), name: z.string() }),
  createdAt: timestamp,
  expiresAt: timestamp,
  devices: z.number().int(),
  counts: statusCounts,
  finished: z.boolean(),
});
export type ScriptRun = z.infer<typeof scriptRunSchema>;

export const scriptResultSchema = z.object({
  id: z.uuid(),
  deviceId: z.uuid(),
  deviceName: z.string(),
  companyId: z.uuid(),
  status: z.enum(scriptResultStatuses),
  reason: z.enum(scriptRefusals).nullable(),
  exitCode: z.number().int().nullable(),
  output: z.string(),
  truncated: z.boolean(),
  sentAt: timestamp.nullable(),
  startedAt: timestamp.nullable(),
  finishedAt: timestamp.nullable(),
});
export type ScriptResult = z.infer<typeof scriptResultSchema>;
export const scriptResultListResponse = listResponse(scriptResultSchema);
export const scriptResultListQuery = pageQuery.extend({
  status: z.enum(scriptResultStatuses).optional(),
});

/** The agent takes its part of a run: the script's text, checked against the signed hash. */
export const agentScriptStartResponse = z.object({ body: z.string() });

/** The agent's report of its part: at most `scriptOutputBytes` of output, `truncated` if it had more. */
export const agentScriptResultBody = z.object({
  status: z.enum(['succeeded', 'failed', 'timed_out']),
  exitCode: z.number().int().min(-2147483648).max(4294967295).nullable(),
  output: z.string().max(limits.scriptOutputBytes),
  truncated: z.boolean(),
});
export type AgentScriptResult = z.infer<typeof agentScriptResultBody>;
export const agentScriptResultResponse = z.object({ status: z.enum(scriptResultStatuses) });
